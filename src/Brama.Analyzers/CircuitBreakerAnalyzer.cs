using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers;

/// <summary>
/// Reports every rule of a <c>[CircuitBreaker]</c> declaration (BRAMA001–006, 008, 009, 011 through the shared checks) and,
/// at the end of the compilation, connections declared with conflicting options (BRAMA007).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CircuitBreakerAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> DescriptorsById = new[]
    {
        DiagnosticDescriptors.MethodMustBePartialDefinition,
        DiagnosticDescriptors.TypeMustBePartial,
        DiagnosticDescriptors.ImplementationMismatch,
        DiagnosticDescriptors.InvalidConnectionName,
        DiagnosticDescriptors.InvalidErrorHandler,
        DiagnosticDescriptors.UnsupportedShape,
        DiagnosticDescriptors.InvalidFallback,
        DiagnosticDescriptors.AmbiguousRegistry,
        DiagnosticDescriptors.OptionOutOfRange,
    }.ToImmutableDictionary(static d => d.Id);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DescriptorsById.Values.Append(DiagnosticDescriptors.ConflictingConnectionOptions).OrderBy(static d => d.Id).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attributeType = start.Compilation.GetTypeByMetadataName(KnownNames.CircuitBreakerAttribute);
            if (attributeType is null)
            {
                return;
            }

            // Type-level findings (BRAMA002, BRAMA009) come once per decorated method; they are reported once.
            var reported = new ConcurrentDictionary<string, byte>();
            var declarations = new ConcurrentBag<ConnectionDeclaration>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeMethod(symbolContext, attributeType, reported, declarations),
                SymbolKind.Method);
            start.RegisterCompilationEndAction(end => ConnectionOptionsConflicts.Report(end, declarations));
        });
    }

    private static void AnalyzeMethod(
        SymbolAnalysisContext context,
        INamedTypeSymbol attributeType,
        ConcurrentDictionary<string, byte> reported,
        ConcurrentBag<ConnectionDeclaration> declarations)
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
        foreach (var finding in findings)
        {
            var location = finding.Location ?? method.Locations.FirstOrDefault() ?? Location.None;
            var key = finding.Id + "|" + location.SourceTree?.FilePath + "|" + location.SourceSpan + "|" + string.Join("|", finding.MessageArguments);
            if (DescriptorsById.TryGetValue(finding.Id, out var descriptor) && reported.TryAdd(key, 0))
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, finding.MessageArguments.ToArray<object>()));
            }
        }

        if (findings.IsEmpty && ConnectionDeclaration.TryCreate(method, attribute, context.CancellationToken) is { } declaration)
        {
            declarations.Add(declaration);
        }
    }
}
