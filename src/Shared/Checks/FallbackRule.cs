using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA008: the fallback exists and takes the decorated method's parameters (and optionally the status) and result.</summary>
internal static class FallbackRule
{
    public static CheckFinding? Check(CheckContext context)
    {
        if (!context.TryGetNamedArgument(KnownNames.FallbackProperty, out var argument) || argument.Kind == TypedConstantKind.Error)
        {
            return null;
        }

        var location = context.NamedArgumentLocation(KnownNames.FallbackProperty);
        var status = context.Known.ConnectionStatus;
        var name = (argument.Value as string)?.Trim();
        var suggestion = StubText.Signature(context.Method, string.IsNullOrEmpty(name) ? context.MethodName + "Fallback" : name!, status);
        if (string.IsNullOrEmpty(name))
        {
            return Finding(context, location, name ?? "(null)", "names no method", suggestion);
        }

        if (name == context.MethodName)
        {
            return Finding(context, location, name!, "cannot be the decorated method itself", suggestion);
        }

        var candidates = MethodLookup.Candidates(context, name!);
        if (candidates.Count == 0)
        {
            return Finding(context, location, name!, $"is missing: '{context.TypeName}' has no accessible method '{name}'", suggestion);
        }

        var mismatches = candidates.Select(c => (Candidate: c, Mismatch: SignatureMatcher.Mismatch(context.Method, c, context.Compilation, status))).ToList();
        if (mismatches.Any(static m => m.Mismatch is null))
        {
            return null;
        }

        var first = mismatches[0];
        var candidateLocation = first.Candidate.Locations.FirstOrDefault(static l => l.IsInSource) ?? location;
        return Finding(context, candidateLocation, name!, $"does not match: {first.Mismatch}", suggestion);
    }

    private static CheckFinding Finding(CheckContext context, Location location, string name, string problem, string suggestion) =>
        CheckFinding.Create(DiagnosticIds.InvalidFallback, location, name, context.MethodName, problem, suggestion);
}
