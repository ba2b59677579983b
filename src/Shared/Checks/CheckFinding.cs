using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// One broken rule of a <c>[CircuitBreaker]</c> declaration. The analyzers turn it into a diagnostic through the
/// descriptor of <see cref="Id"/>; a null <see cref="Location"/> means the decorated method's name.
/// </summary>
internal readonly record struct CheckFinding(string Id, Location? Location, ImmutableArray<string> MessageArguments)
{
    public static CheckFinding Create(string id, Location? location, params string[] messageArguments) =>
        new(id, location, ImmutableArray.Create(messageArguments));
}
