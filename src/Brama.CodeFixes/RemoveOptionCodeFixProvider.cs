using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.CodeFixes;

/// <summary>
/// BRAMA011: removes the option's argument from the attribute, so that the registry's default applies. For a value
/// out of range that is the safe choice; for a window option or ratio no rule would read it removes what has no effect.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOptionCodeFixProvider)), Shared]
public sealed class RemoveOptionCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OptionOutOfRange);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>();
            if (argument?.NameEquals is not { } name || argument.Parent is not AttributeArgumentListSyntax)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Remove '{name.Name.Identifier.ValueText}' (the registry's default applies)",
                    ct => RemoveAsync(context.Document, argument, ct),
                    equivalenceKey: "Brama.RemoveOption." + name.Name.Identifier.ValueText),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var list = (AttributeArgumentListSyntax)argument.Parent!;
        var index = list.Arguments.IndexOf(argument);
        var updated = list.WithArguments(list.Arguments.RemoveAt(index));
        return document.WithSyntaxRoot(root!.ReplaceNode(list, updated));
    }
}
