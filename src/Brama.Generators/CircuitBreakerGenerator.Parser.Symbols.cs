using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Brama.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators;

public sealed partial class CircuitBreakerGenerator
{
    internal static partial class Parser
    {
        /// <summary>Fully qualified names with nullable annotations, so the implementing part matches the definition.</summary>
        internal static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        // Consulted in this order; the first public instance bool member found classifies the result. IsSuccessful
        // comes before IsSuccessStatusCode: RestSharp's RestResponse has both, and only the first also covers transport
        // and deserialization errors.
        private static readonly (string Name, bool TrueMeansSuccess)[] SuccessMembers =
        {
            ("IsSuccess", true),
            ("IsSuccessful", true),
            ("IsFailure", false),
            ("IsError", false),
            ("Succeeded", true),
            ("IsSuccessStatusCode", true),
        };

        private static readonly string[] ReasonMembers = { "Error", "ErrorMessage", "Message", "ReasonPhrase" };

        private static AttributeValues ReadAttribute(AttributeData attribute, string declaredBy)
        {
            var connection = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            var values = new AttributeValues();
            var scope = "null";
            var options = new System.Collections.Generic.Dictionary<string, string>();
            foreach (var named in attribute.NamedArguments)
            {
                var value = named.Value;
                switch (named.Key)
                {
                    case KnownNames.ScopeProperty:
                        scope = Literal(value.Value as string);
                        break;
                    case KnownNames.ErrorHandlerProperty:
                        values.ErrorHandler = value.Value as ITypeSymbol;
                        break;
                    case KnownNames.FallbackProperty:
                        values.Fallback = value.Value as string;
                        break;
                    default:
                        // 0 is "not set" for the numeric options: the registry's default applies.
                        if (AttributeOptions.Find(named.Key) is { } option && value.Value is { } set && option.IsSet(set))
                        {
                            options[option.Name] = option.Kind == AttributeOptionKind.Strategy ? EnumMember(value) : option.Literal(set);
                        }

                        break;
                }
            }

            var ordered = AttributeOptions.All
                .Where(o => options.ContainsKey(o.Name))
                .Select(o => new OptionValueModel(o.Name, options[o.Name]))
                .ToImmutableArray();
            values.Connection = new ConnectionModel(Literal(connection), scope, Literal(declaredBy), new EquatableArray<OptionValueModel>(ordered));
            return values;
        }

        private static string EnumMember(TypedConstant value)
        {
            var type = value.Type!.ToDisplayString(TypeFormat);
            var member = value.Type.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value));
            return member is null ? "(" + type + ")" + Number(value.Value!) : type + "." + EscapeIdentifier(member.Name);
        }

        private static ContainingTypeModel? ParseContainingType(INamedTypeSymbol type)
        {
            var chain = ImmutableArray.CreateBuilder<TypeDeclarationModel>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                var kind = current switch
                {
                    { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                    { IsRecord: true } => "record",
                    { TypeKind: TypeKind.Struct } => "struct",
                    { TypeKind: TypeKind.Class } => "class",
                    _ => null,
                };

                // Top-level code lives in an unspeakable implicit type that no second part can name; a file-local
                // type cannot have a part in another file.
                if (kind is null || !current.CanBeReferencedByName || current.IsImplicitlyDeclared || current.IsFileLocal)
                {
                    return null;
                }

                var prefix = current.IsStatic ? "static " : current.IsRefLikeType ? "ref " : string.Empty;
                if (current.TypeKind == TypeKind.Struct && current.IsReadOnly)
                {
                    prefix = "readonly " + prefix;
                }

                var name = current.TypeParameters.Length == 0
                    ? EscapeIdentifier(current.Name)
                    : EscapeIdentifier(current.Name) + "<" + string.Join(", ", current.TypeParameters.Select(static t => EscapeIdentifier(t.Name))) + ">";
                chain.Insert(0, new TypeDeclarationModel(prefix + "partial " + kind, name));
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var hint = new StringBuilder();
            if (ns is not null)
            {
                hint.Append(ns).Append('.');
            }

            // Arity rather than type parameter names: Foo and Foo<T> get distinct, stable, file-safe names.
            hint.Append(string.Join(".", Enumerable.Reverse(ChainOf(type)).Select(static t => t.TypeParameters.Length == 0 ? t.Name : t.Name + "`" + t.TypeParameters.Length)));
            hint.Append(".CircuitBreaker.g.cs");
            return new ContainingTypeModel(ns, new EquatableArray<TypeDeclarationModel>(chain.ToImmutable()), type.ToDisplayString(TypeFormat), hint.ToString());
        }

        private static bool RequiresUnsafeContext(IMethodSymbol method, Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax syntax)
        {
            var inUnsafeType = syntax.Ancestors()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>()
                .Any(static t => t.Modifiers.Any(SyntaxKind.UnsafeKeyword));
            return inUnsafeType
                || UsesPointers(method.ReturnType)
                || method.Parameters.Any(static p => UsesPointers(p.Type))
                || method.TypeParameters.Any(static t => t.ConstraintTypes.Any(UsesPointers));
        }

        private static bool UsesPointers(ITypeSymbol type) => type switch
        {
            IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
            IArrayTypeSymbol array => UsesPointers(array.ElementType),
            INamedTypeSymbol named => named.TypeArguments.Any(UsesPointers) || (named.ContainingType is { } outer && UsesPointers(outer)),
            _ => false,
        };

        private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> ChainOf(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                yield return current;
            }
        }

        private static ResultMemberModel? ParseResultMember(ITypeSymbol resultType, KnownTypes known)
        {
            if (resultType is ITypeParameterSymbol || resultType.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                return null;
            }

            foreach (var (name, trueMeansSuccess) in SuccessMembers)
            {
                if (FindPublicMember(resultType, name) is { } member && member.Type.SpecialType == SpecialType.System_Boolean)
                {
                    var reason = ReasonExpression(resultType, name, trueMeansSuccess, known);
                    return new ResultMemberModel(EscapeIdentifier(name), trueMeansSuccess, resultType.IsReferenceType, reason);
                }
            }

            return null;
        }

        private static string ReasonExpression(ITypeSymbol resultType, string flag, bool trueMeansSuccess, KnownTypes known)
        {
            var fallback = Literal(resultType.Name + "." + flag + (trueMeansSuccess ? " is false" : " is true"));
            foreach (var name in ReasonMembers)
            {
                if (FindPublicMember(resultType, name) is not { } member)
                {
                    continue;
                }

                var access = ResultMemberModel.ResultPlaceholder + "." + EscapeIdentifier(name);
                var type = member.Type;
                if (type.SpecialType == SpecialType.System_String)
                {
                    return access + " ?? " + fallback;
                }

                if (KnownTypes.IsOrDerivesFrom(type, known.Exception))
                {
                    return access + "?.Message ?? " + fallback;
                }

                return type.IsValueType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                    ? access + ".ToString()"
                    : access + "?.ToString() ?? " + fallback;
            }

            return fallback;
        }

        private static (ITypeSymbol Type, ISymbol Symbol)? FindPublicMember(ITypeSymbol type, string name)
        {
            var types = type.TypeKind == TypeKind.Interface
                ? new[] { type }.Concat(type.AllInterfaces)
                : BaseTypesOf(type);
            foreach (var candidate in types)
            {
                foreach (var member in candidate.GetMembers(name))
                {
                    if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    switch (member)
                    {
                        case IPropertySymbol { IsIndexer: false, GetMethod.DeclaredAccessibility: Accessibility.Public } property:
                            return (property.Type, property);
                        case IFieldSymbol field:
                            return (field.Type, field);
                    }
                }
            }

            return null;
        }

        private static System.Collections.Generic.IEnumerable<ITypeSymbol> BaseTypesOf(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                yield return current;
            }
        }

        // Contextual keywords are escaped too: 'await' names a legal parameter that an async helper could not declare.
        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;

        /// <summary>What the attribute says, before it is turned into the model.</summary>
        private sealed class AttributeValues
        {
            public ConnectionModel Connection { get; set; } = null!;

            public ITypeSymbol? ErrorHandler { get; set; }

            public string? Fallback { get; set; }
        }
    }
}
