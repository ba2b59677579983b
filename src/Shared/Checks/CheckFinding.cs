using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>
/// One broken rule of a <c>[CircuitBreaker]</c> declaration, turned into a diagnostic through the descriptor of
/// <see cref="Id"/>; a null <see cref="Location"/> means the decorated method's name.
/// </summary>
/// <remarks>
/// <see cref="ExplainsDeclarationError"/>: the same mistake is also a compiler declaration error (CS0260, CS0501,
/// CS0759, CS1994, CS0751 …). The command-line compiler stops before it runs analyzers when a compilation has one, so
/// the generator, which always runs, reports these findings and the analyzers skip them; every other finding comes
/// from the analyzers alone.
/// </remarks>
internal readonly record struct CheckFinding(string Id, Location? Location, ImmutableArray<string> MessageArguments, bool ExplainsDeclarationError = false)
{
    public static CheckFinding Create(string id, Location? location, params string[] messageArguments) =>
        new(id, location, ImmutableArray.Create(messageArguments));

    public static CheckFinding DeclarationError(string id, Location? location, params string[] messageArguments) =>
        new(id, location, ImmutableArray.Create(messageArguments), ExplainsDeclarationError: true);
}
