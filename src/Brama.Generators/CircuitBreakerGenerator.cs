using System.Collections.Immutable;
using System.Linq;
using Brama.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.Generators;

/// <summary>Writes the bodies of partial methods marked <c>[CircuitBreaker]</c>.</summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class CircuitBreakerGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.CircuitBreakerAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Extract)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.RemoveNonPartial);

        var byType = methods
            .Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(static m => m.ContainingType)
                .Select(static g => new TypeModel(g.Key, new EquatableArray<MethodModel>(g.ToImmutableArray())))
                .ToImmutableArray())
            .WithTrackingName(TrackingNames.GroupByType);

        context.RegisterSourceOutput(byType, static (spc, type) => spc.AddSource(type.Type.HintName, Emitter.Emit(type)));
    }
}
