using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>The signature a message suggests for a missing implementation or fallback method.</summary>
internal static class StubText
{
    public static string Signature(IMethodSymbol method, string name, ITypeSymbol? extraParameter)
    {
        var typeParameters = method.TypeParameters.IsEmpty ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(static t => t.Name)) + ">";
        var parameters = method.Parameters.Select(static p => RefPrefix(p.RefKind) + CheckContext.Display(p.Type) + " " + p.Name).ToList();
        if (extraParameter is not null)
        {
            parameters.Add(CheckContext.Display(extraParameter) + " status");
        }

        var returnType = method.ReturnsVoid ? "void" : CheckContext.Display(method.ReturnType);
        return $"private {(method.IsStatic ? "static " : string.Empty)}{returnType} {name}{typeParameters}({string.Join(", ", parameters)})";
    }

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.None => string.Empty,
        _ => "ref readonly ",
    };
}
