using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.CodeFixes;

/// <summary>
/// BRAMA014, where the fix is obvious: a constant <c>Scope</c> beside <c>ScopeParameter</c> is removed (the argument
/// chooses the scope), and a name that matches a parameter but for its case becomes <c>nameof(parameter)</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ScopeParameterCodeFixProvider)), Shared]
public sealed class ScopeParameterCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidScopeParameter);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var lookup = await DecoratedMethodLookup.FindAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            var argument = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>();
            if (lookup is null || argument?.Parent is not AttributeArgumentListSyntax list ||
                !lookup.Context.TryGetNamedArgument(KnownNames.ScopeParameterProperty, out var value) || value.Value is not string name)
            {
                continue;
            }

            if (lookup.Context.TryGetNamedArgument(KnownNames.ScopeProperty, out var scope) && scope.Value is not null &&
                list.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == KnownNames.ScopeProperty) is { } scopeArgument)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove 'Scope' (the argument chooses each call's scope)",
                        ct => ReplaceAsync(context.Document, list, list.WithArguments(list.Arguments.Remove(scopeArgument)), ct),
                        equivalenceKey: "Brama.RemoveScope"),
                    diagnostic);
                continue;
            }

            var parameters = lookup.Context.Method.Parameters;
            if (parameters.All(p => p.Name != name) &&
                parameters.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).ToList() is [var match] &&
                ScopeParameterRule.Problem(match, lookup.Context.Known) is null)
            {
                var nameOf = SyntaxFactory.ParseExpression($"nameof({match.Name})");
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use nameof({match.Name})",
                        ct => ReplaceAsync(context.Document, argument.Expression, nameOf.WithTriviaFrom(argument.Expression), ct),
                        equivalenceKey: "Brama.ScopeParameterNameOf"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode old, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(old, replacement));
    }
}
