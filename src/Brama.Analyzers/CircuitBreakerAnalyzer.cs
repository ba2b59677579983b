using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers;

/// <summary>
/// Reports the rules of a <c>[CircuitBreaker]</c> declaration (BRAMA001–006, 008, 009, 011–013 through the shared
/// checks) and, at the end of the compilation, connections declared with conflicting options (BRAMA007). Findings that
/// explain a compiler declaration error are the generator's to report (<see cref="CheckFinding.ExplainsDeclarationError"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CircuitBreakerAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = ImmutableArray.Create(
        DiagnosticDescriptors.MethodMustBePartialDefinition,
        DiagnosticDescriptors.TypeMustBePartial,
        DiagnosticDescriptors.ImplementationMismatch,
        DiagnosticDescriptors.InvalidConnectionName,
        DiagnosticDescriptors.InvalidErrorHandler,
        DiagnosticDescriptors.UnsupportedShape,
        DiagnosticDescriptors.ConflictingConnectionOptions,
        DiagnosticDescriptors.InvalidFallback,
        DiagnosticDescriptors.AmbiguousRegistry,
        DiagnosticDescriptors.OptionOutOfRange,
        DiagnosticDescriptors.UnusedRegistryParameter,
        DiagnosticDescriptors.UnsupportedContainingType,
        DiagnosticDescriptors.InvalidScopeParameter);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attributeType = KnownTypes.Of(start.Compilation).CircuitBreakerAttribute;
            if (attributeType is null)
            {
                return;
            }

            // Type-level findings (BRAMA002, BRAMA009) come once per decorated method; they are reported once.
            var reported = new ConcurrentDictionary<string, byte>();
            var declarations = new ConcurrentBag<DeclaredConnection>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeMethod(symbolContext, attributeType, reported, declarations),
                SymbolKind.Method);
            start.RegisterSyntaxNodeAction(
                nodeContext => AnalyzeLocalMethod(nodeContext, attributeType),
                SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression);
            start.RegisterCompilationEndAction(end => ConnectionOptionsConflicts.Report(end, declarations));
        });
    }

    /// <summary>Local functions and lambdas are not members: the generator never sees them, so the attribute would do nothing.</summary>
    private static void AnalyzeLocalMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var (attributeLists, symbol) = context.Node switch
        {
            LocalFunctionStatementSyntax local => (local.AttributeLists, context.SemanticModel.GetDeclaredSymbol(local, context.CancellationToken)),
            ParenthesizedLambdaExpressionSyntax lambda => (lambda.AttributeLists, context.SemanticModel.GetSymbolInfo(lambda, context.CancellationToken).Symbol),
            _ => (default, null),
        };
        if (attributeLists.Count == 0 || symbol is not IMethodSymbol method)
        {
            return;
        }

        var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        if (attribute is null)
        {
            return;
        }

        var isLambda = method.MethodKind == MethodKind.AnonymousFunction;
        var location = isLambda
            ? attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Node.GetLocation()
            : method.Locations.FirstOrDefault() ?? context.Node.GetLocation();
        var name = isLambda ? "lambda expression" : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MethodMustBePartialDefinition,
            location,
            name,
            "is not an ordinary method",
            isLambda ? "a partial method's implementation" : name + KnownNames.ImplementationSuffix));
    }

    private static void AnalyzeMethod(
        SymbolAnalysisContext context,
        INamedTypeSymbol attributeType,
        ConcurrentDictionary<string, byte> reported,
        ConcurrentBag<DeclaredConnection> declarations)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.PartialDefinitionPart is not null)
        {
            return; // the implementing part of a partial method is analyzed through its definition
        }

        var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        if (attribute is null)
        {
            return;
        }

        var findings = DecoratorChecks.Check(method, attribute, context.Compilation, context.CancellationToken);
        foreach (var finding in findings.Where(static f => !f.ExplainsDeclarationError))
        {
            var location = finding.Location ?? method.Locations.FirstOrDefault() ?? Location.None;
            var key = finding.Id + "|" + location.SourceTree?.FilePath + "|" + location.SourceSpan + "|" + string.Join("|", finding.MessageArguments);
            if (reported.TryAdd(key, 0))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Get(finding.Id), location, finding.MessageArguments.ToArray<object>()));
            }
        }

        if (findings.All(static f => f.Id == DiagnosticIds.UnusedRegistryParameter) && DeclaredConnection.TryCreate(method, attribute, context.CancellationToken) is { } declaration)
        {
            declarations.Add(declaration);
        }
    }
}
