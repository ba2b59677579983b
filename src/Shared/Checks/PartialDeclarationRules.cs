using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// BRAMA001 (bodiless partial definition), BRAMA002 (partial containing types) and BRAMA013 (a kind of containing
/// type that no generated part can extend).
/// </summary>
internal static class PartialDeclarationRules
{
    public static CheckFinding? CheckMethod(CheckContext context)
    {
        var method = context.Method;
        var implementation = ImplementationRule.ImplementationName(context);
        var declaration = Declaration(method, context.CancellationToken);
        if (method.IsPartialDefinition)
        {
            var handWritten = method.PartialImplementationPart;
            if (handWritten is not null && !IsGenerated(handWritten, context.CancellationToken))
            {
                return CheckFinding.Create(
                    DiagnosticIds.MethodMustBePartialDefinition,
                    handWritten.Locations.FirstOrDefault(),
                    context.MethodName,
                    "already has a hand-written implementing declaration",
                    implementation);
            }

            // CS8796/CS8797: without an accessibility modifier it cannot have a value-returning implementation.
            if (LacksRequiredAccessibility(method, declaration))
            {
                return Finding(true, context, "has no accessibility modifier, which a partial method that returns a value or has 'out' parameters must have (e.g. 'private')", implementation);
            }

            // CS1994: 'async' needs a body; only the implementation can be asynchronous.
            return declaration is not null && declaration.Modifiers.Any(SyntaxKind.AsyncKeyword)
                ? Finding(true, context, "is declared 'async' (only its implementation can be)", implementation)
                : null;
        }

        var hasBody = declaration is not null && (declaration.Body is not null || declaration.ExpressionBody is not null);
        if (hasBody)
        {
            // A 'partial' method with a body and no definition is the compiler's CS0759.
            var isPartial = declaration!.Modifiers.Any(SyntaxKind.PartialKeyword);
            return Finding(isPartial, context, "has a body", implementation);
        }

        if (method.MethodKind != MethodKind.Ordinary)
        {
            return Finding(false, context, "is not an ordinary method", implementation);
        }

        // A bodiless method that is neither abstract nor extern is the compiler's CS0501.
        return Finding(!method.IsAbstract && !method.IsExtern, context, "is not declared 'partial'", implementation);
    }

    public static IEnumerable<CheckFinding> CheckContainingTypes(CheckContext context)
    {
        for (var type = context.ContainingType; type is not null; type = type.ContainingType)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    // The generator still writes the body inside partial declarations of the whole chain, so the
                    // compiler's CS0260 states the same mistake.
                    yield return CheckFinding.DeclarationError(
                        DiagnosticIds.TypeMustBePartial,
                        declaration.Identifier.GetLocation(),
                        CheckContext.Display(type));
                    break;
                }
            }
        }
    }

    /// <summary>BRAMA013: the method sits where no generated part can add its body (the compiler says CS8795, CS0751).</summary>
    public static CheckFinding? CheckContainingKind(CheckContext context)
    {
        for (var type = context.ContainingType; type is not null; type = type.ContainingType)
        {
            var problem = type switch
            {
                { TypeKind: KnownNames.ExtensionTypeKind } =>
                    $"is declared in an extension block, which cannot hold partial members; declare it as a classic extension method of the static class instead: 'public static partial {ReturnText(context.Method)} {context.MethodName}({ExtensionParameters(context.Method, type)})'",
                { IsFileLocal: true } =>
                    $"is declared in the file-local type '{CheckContext.Display(type)}', to which a generated file cannot add the body; make the type internal or private instead of 'file'",
                { TypeKind: TypeKind.Interface } =>
                    $"is declared in the interface '{CheckContext.Display(type)}'; decorate the method of a class or struct that implements it instead",
                _ => null,
            };
            if (problem is not null)
            {
                return CheckFinding.DeclarationError(DiagnosticIds.UnsupportedContainingType, null, context.MethodName, problem);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the generator can write the implementing part: a partial definition that has no hand-written one and can
    /// take one with a body. Any other finding then makes that body throw.
    /// </summary>
    public static bool CanTakeGeneratedBody(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.IsPartialDefinition
        && (method.PartialImplementationPart is not { } handWritten || IsGenerated(handWritten, cancellationToken))
        && !LacksRequiredAccessibility(method, Declaration(method, cancellationToken));

    /// <summary>True for a declaration in a generated file: the generator's own implementing part of the method.</summary>
    public static bool IsGenerated(ISymbol symbol, CancellationToken cancellationToken)
    {
        var tree = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
        if (tree is null)
        {
            return false;
        }

        if (tree.FilePath.EndsWith(".g.cs", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var firstToken = tree.GetRoot(cancellationToken).GetFirstToken(includeZeroWidth: true);
        return firstToken.LeadingTrivia.Any(static t =>
            t.IsKind(SyntaxKind.SingleLineCommentTrivia) && t.ToString().Contains("<auto-generated"));
    }

    private static MethodDeclarationSyntax? Declaration(IMethodSymbol method, CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax;

    private static bool LacksRequiredAccessibility(IMethodSymbol method, MethodDeclarationSyntax? declaration) =>
        declaration is not null
        && !declaration.Modifiers.Any(static m => SyntaxFacts.IsAccessibilityModifier(m.Kind()))
        && (!method.ReturnsVoid || method.Parameters.Any(static p => p.RefKind == RefKind.Out));

    private static CheckFinding Finding(bool explainsDeclarationError, CheckContext context, string reason, string implementation) =>
        explainsDeclarationError
            ? CheckFinding.DeclarationError(DiagnosticIds.MethodMustBePartialDefinition, null, context.MethodName, reason, implementation)
            : CheckFinding.Create(DiagnosticIds.MethodMustBePartialDefinition, null, context.MethodName, reason, implementation);

    private static string ReturnText(IMethodSymbol method) => method.ReturnsVoid ? "void" : CheckContext.Display(method.ReturnType);

    // The 4.8 API cannot name an extension block's receiver; the block's syntax (a TypeDeclarationSyntax with a
    // parameter list) gives its text.
    private static string ExtensionParameters(IMethodSymbol method, INamedTypeSymbol extension)
    {
        var receiver = extension.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is TypeDeclarationSyntax { ParameterList.Parameters: [var parameter, ..] }
            ? parameter.ToString()
            : "T receiver";
        return string.Join(", ", new[] { "this " + receiver }.Concat(method.Parameters.Select(static p => CheckContext.Display(p.Type) + " " + p.Name)));
    }
}
