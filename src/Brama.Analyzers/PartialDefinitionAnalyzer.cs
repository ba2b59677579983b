using System.Collections.Immutable;
using Brama.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers;

/// <summary>BRAMA001: the decorated method must be a bodiless partial definition.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartialDefinitionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MethodMustBePartialDefinition);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName(KnownNames.CircuitBreakerAttribute);
            if (attribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, attribute), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attribute)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (method.IsPartialDefinition || method.PartialDefinitionPart is not null)
        {
            return;
        }

        foreach (var data in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MethodMustBePartialDefinition,
                    method.Locations[0],
                    method.Name,
                    method.Name + KnownNames.ImplementationSuffix));
                return;
            }
        }
    }
}
