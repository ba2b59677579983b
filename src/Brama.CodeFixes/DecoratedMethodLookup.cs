using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Brama.SourceGeneration;
using Brama.SourceGeneration.Checks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Brama.CodeFixes;

/// <summary>The decorated method a diagnostic points into, with the checks' view of it.</summary>
internal sealed class DecoratedMethodLookup
{
    private DecoratedMethodLookup(MethodDeclarationSyntax declaration, CheckContext context)
    {
        Declaration = declaration;
        Context = context;
    }

    public MethodDeclarationSyntax Declaration { get; }

    public CheckContext Context { get; }

    public static async Task<DecoratedMethodLookup?> FindAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var declaration = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
        {
            return null;
        }

        var attributeType = KnownTypes.Of(model.Compilation).CircuitBreakerAttribute;
        var attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        return attribute is null ? null : new DecoratedMethodLookup(declaration, new CheckContext(method, attribute, model.Compilation, cancellationToken));
    }

    /// <summary>True when nothing in the type answers to <paramref name="name"/>, so a stub can be added without a clash.</summary>
    public bool IsMissing(string? name) =>
        !string.IsNullOrWhiteSpace(name) &&
        name != Context.MethodName &&
        MethodLookup.Candidates(Context, name!).Count == 0 &&
        Context.ContainingType.GetMembers(name!).IsEmpty;
}
