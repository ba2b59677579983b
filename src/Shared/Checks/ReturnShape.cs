using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>What a decorated method returns: whether the wrapper awaits it, and the result an error handler classifies.</summary>
internal readonly struct ReturnShape
{
    private ReturnShape(bool isAwaitable, ITypeSymbol? resultType)
    {
        IsAwaitable = isAwaitable;
        ResultType = resultType;
    }

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsAwaitable { get; }

    /// <summary>The classified result (T of Task&lt;T&gt;); null for void, Task and ValueTask.</summary>
    public ITypeSymbol? ResultType { get; }

    public static ReturnShape Of(IMethodSymbol method, Compilation compilation)
    {
        if (method.ReturnsVoid)
        {
            return new ReturnShape(false, null);
        }

        var returnType = method.ReturnType;
        var definition = returnType.OriginalDefinition;
        if (Is(definition, compilation, KnownNames.Task) || Is(definition, compilation, KnownNames.ValueTask))
        {
            return new ReturnShape(true, null);
        }

        if ((Is(definition, compilation, KnownNames.TaskOfT) || Is(definition, compilation, KnownNames.ValueTaskOfT)) &&
            returnType is INamedTypeSymbol { TypeArguments.Length: 1 } generic)
        {
            return new ReturnShape(true, generic.TypeArguments[0]);
        }

        return new ReturnShape(false, returnType);
    }

    public static bool Is(ITypeSymbol type, Compilation compilation, string metadataName) =>
        compilation.GetTypeByMetadataName(metadataName) is { } known && SymbolEqualityComparer.Default.Equals(type, known);
}
