using System.Linq;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA003: the implementation method exists and takes and returns what the decorated method does.</summary>
internal static class ImplementationRule
{
    public static string ImplementationName(CheckContext context)
    {
        var configured = context.NamedString(KnownNames.ImplementationProperty);
        return string.IsNullOrWhiteSpace(configured) ? context.MethodName + KnownNames.ImplementationSuffix : configured!.Trim();
    }

    /// <summary>The method the wrapper calls, or null when none matches.</summary>
    public static IMethodSymbol? Find(CheckContext context) =>
        MethodLookup.Candidates(context, ImplementationName(context))
            .FirstOrDefault(c => SignatureMatcher.Mismatch(context.Method, c, context.Compilation) is null);

    public static CheckFinding? Check(CheckContext context)
    {
        var name = ImplementationName(context);
        var expected = StubText.Signature(context.Method, name, extraParameter: null);
        var location = context.TryGetNamedArgument(KnownNames.ImplementationProperty, out _)
            ? context.NamedArgumentLocation(KnownNames.ImplementationProperty)
            : null;

        if (name == context.MethodName)
        {
            return Finding(context, location, "cannot be the decorated method itself", expected);
        }

        var candidates = MethodLookup.Candidates(context, name);
        if (candidates.Count == 0)
        {
            return Finding(context, location, $"is missing: '{context.TypeName}' has no accessible method '{name}'", expected);
        }

        string? firstMismatch = null;
        IMethodSymbol? firstCandidate = null;
        foreach (var candidate in candidates)
        {
            var mismatch = SignatureMatcher.Mismatch(context.Method, candidate, context.Compilation);
            if (mismatch is null)
            {
                return null;
            }

            if (firstMismatch is null)
            {
                firstMismatch = mismatch;
                firstCandidate = candidate;
            }
        }

        var candidateLocation = firstCandidate!.Locations.FirstOrDefault(static l => l.IsInSource) ?? location;
        return Finding(context, candidateLocation, $"does not match: {firstMismatch}", expected);
    }

    private static CheckFinding Finding(CheckContext context, Location? location, string problem, string expected) =>
        CheckFinding.Create(DiagnosticIds.ImplementationMismatch, location, context.MethodName, problem, expected);
}
