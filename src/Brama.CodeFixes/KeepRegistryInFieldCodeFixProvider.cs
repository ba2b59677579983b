using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Brama.CodeFixes;

/// <summary>
/// BRAMA012: keeps the primary constructor's ConnectionRegistry in a field the generated code reads
/// (<c>private readonly ConnectionRegistry _registry = registry;</c>). Members that used the parameter use the field
/// instead, so the parameter is not captured a second time (CS9124).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepRegistryInFieldCodeFixProvider)), Shared]
public sealed class KeepRegistryInFieldCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnusedRegistryParameter);

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
            var parameter = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ParameterSyntax>();
            if (parameter?.Parent?.Parent is not TypeDeclarationSyntax type || parameter.Type is null)
            {
                continue;
            }

            var field = FieldName(type);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Keep '{parameter.Identifier.ValueText}' in the field '{field}'",
                    ct => KeepInFieldAsync(context.Document, type, parameter, field, ct),
                    equivalenceKey: "Brama.KeepRegistryInField"),
                diagnostic);
        }
    }

    private static string FieldName(TypeDeclarationSyntax type)
    {
        var taken = type.Members.SelectMany(MemberNames).ToImmutableHashSet();
        var name = "_registry";
        for (var i = 2; taken.Contains(name); i++)
        {
            name = "_registry" + i;
        }

        return name;
    }

    private static System.Collections.Generic.IEnumerable<string> MemberNames(MemberDeclarationSyntax member) => member switch
    {
        BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(static v => v.Identifier.ValueText),
        PropertyDeclarationSyntax property => new[] { property.Identifier.ValueText },
        MethodDeclarationSyntax method => new[] { method.Identifier.ValueText },
        BaseTypeDeclarationSyntax nested => new[] { nested.Identifier.ValueText },
        _ => System.Array.Empty<string>(),
    };

    private static async Task<Document> KeepInFieldAsync(Document document, TypeDeclarationSyntax type, ParameterSyntax parameter, string field, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.GetDeclaredSymbol(parameter, cancellationToken) is not { } symbol)
        {
            return document;
        }

        // Uses inside member bodies capture the parameter; initializers and the base call only read it at construction.
        var captures = type.Members
            .SelectMany(static m => m.DescendantNodes().OfType<IdentifierNameSyntax>())
            .Where(n => n.Identifier.ValueText == symbol.Name && !IsInitializer(n)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, symbol))
            .ToList();
        var updated = type.ReplaceNodes(captures, (_, node) => SyntaxFactory.IdentifierName(field).WithTriviaFrom(node));

        var declaration = SyntaxFactory.FieldDeclaration(
                SyntaxFactory.VariableDeclaration(parameter.Type!.WithoutTrivia())
                    .AddVariables(SyntaxFactory.VariableDeclarator(field)
                        .WithInitializer(SyntaxFactory.EqualsValueClause(SyntaxFactory.IdentifierName(parameter.Identifier.WithoutTrivia())))))
            .AddModifiers(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            .WithAdditionalAnnotations(Formatter.Annotation);
        updated = updated.WithMembers(updated.Members.Insert(0, declaration));
        return document.WithSyntaxRoot(root.ReplaceNode(type, updated));
    }

    private static bool IsInitializer(SyntaxNode node) =>
        node.Ancestors().Any(static a => a is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } }
            or EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax }
            or PrimaryConstructorBaseTypeSyntax);
}
