using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Brama.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace Brama.Generators;

public sealed partial class CircuitBreakerGenerator
{
    /// <summary>The only part of the generator that reads symbols; it returns an equatable model or null.</summary>
    internal static class Parser
    {
        public static MethodModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not IMethodSymbol method || !method.IsPartialDefinition || context.Attributes.Length != 1)
            {
                return null;
            }

            var attribute = context.Attributes[0];
            if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string connection)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var implementation = method.Name + KnownNames.ImplementationSuffix;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == KnownNames.ImplementationProperty && named.Value.Value is string name)
                {
                    implementation = name;
                }
            }

            var containingType = ParseContainingType(method.ContainingType);
            if (containingType is null)
            {
                return null;
            }

            var parameters = method.Parameters
                .Select(static p => new ParameterModel(
                    p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + " " + EscapeIdentifier(p.Name),
                    EscapeIdentifier(p.Name)))
                .ToImmutableArray();

            return new MethodModel(
                containingType,
                AccessibilityText(method.DeclaredAccessibility) + (method.IsStatic ? " static" : string.Empty) + " partial",
                method.ReturnsVoid ? "void" : method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                EscapeIdentifier(method.Name),
                new EquatableArray<ParameterModel>(parameters),
                method.ReturnsVoid,
                implementation,
                connection);
        }

        private static ContainingTypeModel? ParseContainingType(INamedTypeSymbol type)
        {
            var chain = ImmutableArray.CreateBuilder<TypeDeclarationModel>();
            var hint = new StringBuilder();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                var keyword = current switch
                {
                    { IsRecord: true, TypeKind: TypeKind.Struct } => "partial record struct",
                    { IsRecord: true } => "partial record",
                    { TypeKind: TypeKind.Struct } => "partial struct",
                    { TypeKind: TypeKind.Interface } => "partial interface",
                    { TypeKind: TypeKind.Class } => "partial class",
                    _ => null,
                };
                if (keyword is null)
                {
                    return null;
                }

                var name = current.TypeParameters.Length == 0
                    ? current.Name
                    : current.Name + "<" + string.Join(", ", current.TypeParameters.Select(static t => t.Name)) + ">";
                chain.Insert(0, new TypeDeclarationModel(keyword, name));
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            hint.Append(ns is null ? string.Empty : ns + ".");
            hint.Append(string.Join(".", chain.Select(static c => c.NameWithTypeParameters)));
            var hintName = hint.ToString().Replace('<', '{').Replace('>', '}').Replace(", ", ",") + ".CircuitBreaker.g.cs";
            return new ContainingTypeModel(ns, new EquatableArray<TypeDeclarationModel>(chain.ToImmutable()), hintName);
        }

        private static string AccessibilityText(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static string EscapeIdentifier(string name) =>
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
    }
}
