using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA006: shapes the generated wrapper cannot protect.</summary>
internal static class ShapeRule
{
    public static IEnumerable<CheckFinding> Check(CheckContext context)
    {
        var method = context.Method;
        var declaration = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) as MethodDeclarationSyntax;
        var returnLocation = declaration?.ReturnType.GetLocation();

        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            yield return Finding(context, returnLocation, "it returns by reference, and a result must pass through the breaker by value; return the value instead");
        }

        var definition = method.ReturnType.OriginalDefinition;
        if (KnownTypes.Is(definition, context.Known.AsyncEnumerable) || KnownTypes.Is(definition, context.Known.AsyncEnumerator))
        {
            yield return Finding(context, returnLocation, $"'{CheckContext.Display(method.ReturnType)}' streams are not supported yet; return a Task<T> of a collection instead");
        }

        if (method.ReturnsVoid && ImplementationRule.Find(context) is { IsAsync: true })
        {
            yield return Finding(context, null, "an 'async void' method cannot report its failures to the breaker; return Task instead");
        }

        if (!ReturnShape.Of(method, context.Known).IsAwaitable)
        {
            yield break;
        }

        foreach (var parameter in method.Parameters)
        {
            var location = parameter.Locations.FirstOrDefault();
            if (parameter.RefKind != RefKind.None)
            {
                yield return Finding(context, location, $"parameter '{parameter.Name}' is passed by reference, which an asynchronous method cannot do; pass it by value");
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                yield return Finding(context, location, $"parameter '{parameter.Name}' has the ref-like type '{CheckContext.Display(parameter.Type)}', which an asynchronous method cannot hold; use an array or Memory<T> instead");
            }
        }
    }

    private static CheckFinding Finding(CheckContext context, Location? location, string problem) =>
        CheckFinding.Create(DiagnosticIds.UnsupportedShape, location, context.MethodName, problem);
}
