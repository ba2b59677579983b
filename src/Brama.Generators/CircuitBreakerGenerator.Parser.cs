using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.Generators;

public sealed partial class CircuitBreakerGenerator
{
    /// <summary>The only part of the generator that reads symbols and syntax; it returns equatable models: the method to emit, if any, and the diagnostics to report.</summary>
    internal static partial class Parser
    {
        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            // The implementing part of a partial method is checked through its definition.
            if (context.TargetSymbol is not IMethodSymbol method
                || method.PartialDefinitionPart is not null
                || context.Attributes.IsEmpty)
            {
                return ParseResult.Empty;
            }

            // A repeated attribute is the compiler's CS0579; the first one still gets a body, so CS8795 does not follow.
            var attributeData = context.Attributes[0];
            var compilation = context.SemanticModel.Compilation;
            var findings = DecoratorChecks.Check(method, attributeData, compilation, cancellationToken);
            var diagnostics = DiagnosticsOf(method, findings);

            // Only a partial definition that can take an implementation has a body to write. A type that is not partial
            // still gets the throwing body: the compiler's CS0260 then states the mistake, and no CS8795 follows.
            var containingType = ParseContainingType(method.ContainingType);
            if (context.TargetNode is not MethodDeclarationSyntax syntax
                || containingType is null
                || !PartialDeclarationRules.CanTakeGeneratedBody(method, cancellationToken))
            {
                return new ParseResult(null, diagnostics);
            }

            cancellationToken.ThrowIfCancellationRequested();

            // Warnings (BRAMA012) do not stop the real body.
            var errors = findings.Where(static f => DiagnosticDescriptors.Get(f.Id).DefaultSeverity == DiagnosticSeverity.Error).ToList();
            var failure = errors.Count == 0 ? null : string.Join(", ", errors.Select(static f => f.Id).Distinct());
            var check = new CheckContext(method, attributeData, compilation, cancellationToken);
            var attribute = ReadAttribute(attributeData, method.ContainingType.ToDisplayString() + "." + method.Name);
            var shape = ReturnShape.Of(method, check.Known);
            var resultType = shape.Kind == ReturnKind.Void ? null : shape.ResultType;
            var parameters = method.Parameters.Select((p, i) => ParseParameter(p, syntax.ParameterList.Parameters[i], check.Known)).ToImmutableArray();
            var typeArguments = method.TypeParameters.Length == 0
                ? string.Empty
                : "<" + string.Join(", ", method.TypeParameters.Select(static t => EscapeIdentifier(t.Name))) + ">";
            var registries = RegistryMemberRule.RegistryMembers(method.ContainingType, check.Known);
            var fallback = failure is null && attribute.Fallback is not null ? ParseFallback(check, attribute.Fallback.Trim(), typeArguments) : null;

            var model = new MethodModel(
                containingType,
                ModifiersText(syntax),
                ReturnTypeText(method),
                EscapeIdentifier(method.Name),
                typeArguments,
                new EquatableArray<string>(method.TypeParameters.Select(ConstraintClause).Where(static c => c is not null).Select(static c => c!).ToImmutableArray()),
                new EquatableArray<ParameterModel>(parameters),
                shape.Kind,
                resultType?.ToDisplayString(TypeFormat),
                EscapeIdentifier(ImplementationRule.ImplementationName(check)) + typeArguments,
                attribute.Connection,
                failure is null ? ParseScopeParameter(check) : null,
                RegistryExpression(method, registries),
                attribute.ErrorHandler?.ToDisplayString(TypeFormat),
                fallback,
                attribute.ErrorHandler is null && resultType is not null ? ParseResultMember(resultType, check.Known) : null,
                failure,
                RequiresUnsafeContext(method, syntax));
            return new ParseResult(model, diagnostics);
        }

        private static EquatableArray<DiagnosticInfo> DiagnosticsOf(IMethodSymbol method, ImmutableArray<CheckFinding> findings)
        {
            var reported = findings
                .Where(static f => f.ExplainsDeclarationError)
                .Select(f => new DiagnosticInfo(
                    f.Id,
                    LocationInfo.From(f.Location ?? method.Locations.FirstOrDefault()),
                    new EquatableArray<string>(f.MessageArguments)))
                .ToImmutableArray();
            return new EquatableArray<DiagnosticInfo>(reported);
        }

        private static ParameterModel ParseParameter(IParameterSymbol parameter, ParameterSyntax syntax, KnownTypes known)
        {
            // Modifiers come from the syntax so that 'this', 'params' and 'scoped' match the definition exactly;
            // default values are left out: on the implementing part they would only draw CS1066.
            var modifiers = string.Join(" ", syntax.Modifiers.Select(static m => m.Text));
            var type = parameter.Type.ToDisplayString(TypeFormat);
            var name = EscapeIdentifier(parameter.Name);
            var passing = parameter.RefKind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => "in ",
                _ => string.Empty,
            };
            var isToken = parameter.RefKind == RefKind.None && KnownTypes.Is(parameter.Type, known.CancellationToken);
            return new ParameterModel(
                (modifiers.Length == 0 ? string.Empty : modifiers + " ") + type + " " + name,
                passing + name,
                name,
                type,
                isToken);
        }

        private static ScopeParameterModel? ParseScopeParameter(CheckContext check)
        {
            var name = check.NamedString(KnownNames.ScopeParameterProperty);
            var parameter = name is null ? null : check.Method.Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null)
            {
                return null;
            }

            var keyType = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat);
            return new ScopeParameterModel(EscapeIdentifier(parameter.Name), Literal(parameter.Name), keyType);
        }

        private static string RegistryExpression(IMethodSymbol method, System.Collections.Generic.List<ISymbol> registries)
        {
            const string Default = "global::Brama.ConnectionRegistry.Default";
            if (registries.Count != 1)
            {
                return Default;
            }

            var member = registries[0];
            var name = EscapeIdentifier(member.Name);
            if (member.IsStatic)
            {
                return method.ContainingType.ToDisplayString(TypeFormat) + "." + name + " ?? " + Default;
            }

            // A static method cannot reach an instance member; it uses the default registry.
            return method.IsStatic ? Default : "this." + name + " ?? " + Default;
        }

        private static FallbackModel? ParseFallback(CheckContext check, string name, string typeArguments)
        {
            var status = check.Known.ConnectionStatus;
            var match = MethodLookup.Candidates(check, name)
                .FirstOrDefault(candidate => SignatureMatcher.Mismatch(check.Method, candidate, check.Compilation, status) is null);
            return match is null
                ? null
                : new FallbackModel(EscapeIdentifier(name) + typeArguments, TakesStatus: match.Parameters.Length == check.Method.Parameters.Length + 1);
        }

        private static string ReturnTypeText(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return "void";
            }

            var prefix = method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty;
            return prefix + method.ReturnType.ToDisplayString(TypeFormat);
        }

        private static string ModifiersText(MethodDeclarationSyntax syntax)
        {
            // The implementing part repeats the definition's modifiers; 'partial' must come right before the return type.
            // 'async' (BRAMA001 on the definition) is left out: the generated body never awaits.
            var modifiers = syntax.Modifiers
                .Where(static m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword))
                .Select(static m => m.Text);
            return string.Join(" ", modifiers.Concat(new[] { "partial" }));
        }

        private static string? ConstraintClause(ITypeParameterSymbol parameter)
        {
            var constraints = ImmutableArray.CreateBuilder<string>();
            if (parameter.HasReferenceTypeConstraint)
            {
                constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasUnmanagedTypeConstraint)
            {
                constraints.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                constraints.Add("struct");
            }
            else if (parameter.HasNotNullConstraint)
            {
                constraints.Add("notnull");
            }

            for (var i = 0; i < parameter.ConstraintTypes.Length; i++)
            {
                var type = parameter.ConstraintTypes[i].WithNullableAnnotation(parameter.ConstraintNullableAnnotations[i]);
                constraints.Add(type.ToDisplayString(TypeFormat));
            }

            if (parameter.HasConstructorConstraint)
            {
                constraints.Add("new()");
            }

            return constraints.Count == 0 ? null : "where " + EscapeIdentifier(parameter.Name) + " : " + string.Join(", ", constraints);
        }

        private static string Literal(string? value) =>
            value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);

        private static string Number(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
    }
}
