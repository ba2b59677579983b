using System.Collections.Immutable;
using System.Linq;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.Generators;

/// <summary>
/// Writes the bodies of partial methods marked <c>[CircuitBreaker]</c>, and reports the findings that explain a
/// compiler declaration error (the command-line compiler runs no analyzer when there is one).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CircuitBreakerGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.CircuitBreakerAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Extract);

        var methods = parsed
            .Where(static result => result.Method is not null)
            .Select(static (result, _) => result.Method!)
            .WithTrackingName(TrackingNames.RemoveNonPartial);

        var byType = methods
            .Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(static m => m.ContainingType)
                .Select(static g => new TypeModel(g.Key, new EquatableArray<MethodModel>(g.ToImmutableArray())))
                .ToImmutableArray())
            .WithTrackingName(TrackingNames.GroupByType);

        // A type-level finding (BRAMA002) comes with every method of the type; it is reported once.
        var diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics.ToImmutableArray())
            .Collect()
            .Select(static (all, _) => new EquatableArray<DiagnosticInfo>(all.Distinct().ToImmutableArray()))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(byType, static (spc, type) => spc.AddSource(type.Type.HintName, Emitter.Emit(type)));
        context.RegisterSourceOutput(diagnostics, static (spc, all) =>
        {
            foreach (var diagnostic in all)
            {
                spc.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.Get(diagnostic.Id),
                    diagnostic.Location?.ToLocation() ?? Location.None,
                    diagnostic.MessageArguments.Select(static a => (object)a).ToArray()));
            }
        });
    }
}
