using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Brama.CodeFixes;

/// <summary>Builds implementation and fallback methods from the decorated method's declaration: same type parameters, parameters and return type.</summary>
internal static class StubFactory
{
    /// <summary>A private method named <paramref name="name"/> with the given body, or one that throws NotImplementedException.</summary>
    public static MethodDeclarationSyntax Implementation(MethodDeclarationSyntax decorated, string name, BlockSyntax? body = null, ArrowExpressionClauseSyntax? expressionBody = null)
    {
        var modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword));
        foreach (var kind in new[] { SyntaxKind.StaticKeyword, SyntaxKind.UnsafeKeyword, SyntaxKind.AsyncKeyword })
        {
            if (decorated.Modifiers.Any(kind))
            {
                modifiers = modifiers.Add(SyntaxFactory.Token(kind));
            }
        }

        if (body is null && expressionBody is null)
        {
            var notImplemented = SyntaxFactory.ParseTypeName("global::System.NotImplementedException").WithAdditionalAnnotations(Simplifier.Annotation);
            expressionBody = SyntaxFactory.ArrowExpressionClause(
                SyntaxFactory.ThrowExpression(SyntaxFactory.ObjectCreationExpression(notImplemented).WithArgumentList(SyntaxFactory.ArgumentList())));
        }

        var parameters = decorated.ParameterList.Parameters.Select(static p => p.WithAttributeLists(default).WithoutTrivia());
        return SyntaxFactory.MethodDeclaration(decorated.ReturnType.WithoutTrivia(), SyntaxFactory.Identifier(name))
            .WithModifiers(modifiers)
            .WithTypeParameterList(decorated.TypeParameterList?.WithoutTrivia())
            .WithParameterList(SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters)))
            .WithConstraintClauses(SyntaxFactory.List(decorated.ConstraintClauses.Select(static c => c.WithoutTrivia())))
            .WithBody(body)
            .WithExpressionBody(expressionBody)
            .WithSemicolonToken(body is null ? SyntaxFactory.Token(SyntaxKind.SemicolonToken) : default)
            .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
