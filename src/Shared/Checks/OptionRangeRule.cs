using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Brama.SourceGeneration.Checks;

/// <summary>BRAMA011: option values the registry would reject. 0 means "not set" and keeps the registry's default.</summary>
internal static class OptionRangeRule
{
    public static IEnumerable<CheckFinding> Check(CheckContext context)
    {
        foreach (var named in context.Attribute.NamedArguments)
        {
            if (named.Value.Kind == TypedConstantKind.Error || named.Value.Value is null)
            {
                continue;
            }

            var problem = named.Key switch
            {
                KnownNames.MaxAttemptsProperty or KnownNames.HalfOpenMaxCallsProperty when ToLong(named.Value.Value) < 0 =>
                    "it must be at least 1 (or 0 to keep the default)",
                KnownNames.ExpiryMillisecondsProperty when ToLong(named.Value.Value) is < 0 or > KnownNames.MaxTimeMilliseconds =>
                    $"it must be between 1 and {KnownNames.MaxTimeMilliseconds} (365 days), or 0 to keep the default",
                KnownNames.ExpiryStrategyProperty when ToLong(named.Value.Value) is not (0 or 1) =>
                    "it must be ExpiryStrategy.Fixed or ExpiryStrategy.Progressive",
                _ => null,
            };
            if (problem is not null)
            {
                yield return CheckFinding.Create(
                    DiagnosticIds.OptionOutOfRange,
                    context.NamedArgumentLocation(named.Key),
                    named.Key,
                    System.Convert.ToString(named.Value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
                    context.MethodName,
                    problem);
            }
        }
    }

    private static long ToLong(object value) => value switch
    {
        int i => i,
        long l => l,
        _ => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
