using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>How a decorated method returns, which decides the wrapper's shape.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfResult,
    ValueTask,
    ValueTaskOfResult,
}

/// <summary>
/// What a decorated method returns: its kind, whether the wrapper awaits it, and the result an error handler classifies.
/// The generator and the analyzers both classify through it, so they cannot disagree.
/// </summary>
internal readonly struct ReturnShape
{
    private ReturnShape(ReturnKind kind, ITypeSymbol? resultType)
    {
        Kind = kind;
        ResultType = resultType;
    }

    public ReturnKind Kind { get; }

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsAwaitable => Kind is ReturnKind.Task or ReturnKind.TaskOfResult or ReturnKind.ValueTask or ReturnKind.ValueTaskOfResult;

    /// <summary>The classified result (T of Task&lt;T&gt;, or the returned value); null for void, Task and ValueTask.</summary>
    public ITypeSymbol? ResultType { get; }

    public static ReturnShape Of(IMethodSymbol method, KnownTypes known)
    {
        if (method.ReturnsVoid)
        {
            return new ReturnShape(ReturnKind.Void, null);
        }

        var returnType = method.ReturnType;
        var definition = returnType.OriginalDefinition;
        if (KnownTypes.Is(definition, known.Task))
        {
            return new ReturnShape(ReturnKind.Task, null);
        }

        if (KnownTypes.Is(definition, known.ValueTask))
        {
            return new ReturnShape(ReturnKind.ValueTask, null);
        }

        if (returnType is INamedTypeSymbol { TypeArguments.Length: 1 } generic)
        {
            if (KnownTypes.Is(definition, known.TaskOfT))
            {
                return new ReturnShape(ReturnKind.TaskOfResult, generic.TypeArguments[0]);
            }

            if (KnownTypes.Is(definition, known.ValueTaskOfT))
            {
                return new ReturnShape(ReturnKind.ValueTaskOfResult, generic.TypeArguments[0]);
            }
        }

        return new ReturnShape(ReturnKind.Value, returnType);
    }
}
