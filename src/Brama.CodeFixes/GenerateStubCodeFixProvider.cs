using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Brama.CodeFixes;

/// <summary>BRAMA003 and BRAMA008: adds the missing implementation or fallback method next to the decorated method.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GenerateStubCodeFixProvider)), Shared]
public sealed class GenerateStubCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ImplementationMismatch, DiagnosticIds.InvalidFallback);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var lookup = await DecoratedMethodLookup.FindAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (lookup is null || !lookup.Context.Method.IsPartialDefinition)
            {
                continue;
            }

            var (name, kind) = diagnostic.Id == DiagnosticIds.ImplementationMismatch
                ? (ImplementationRule.ImplementationName(lookup.Context), "implementation")
                : (lookup.Context.NamedString(KnownNames.FallbackProperty)?.Trim(), "fallback");
            if (!lookup.IsMissing(name))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Generate {kind} method '{name}'",
                    ct => AddStubAsync(context.Document, lookup, name!, ct),
                    equivalenceKey: "Brama.Generate." + kind),
                diagnostic);
        }
    }

    private static async Task<Document> AddStubAsync(Document document, DecoratedMethodLookup lookup, string name, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var stub = StubFactory.Implementation(lookup.Declaration, name);
        return document.WithSyntaxRoot(root.InsertNodesAfter(lookup.Declaration, new[] { stub }));
    }
}
