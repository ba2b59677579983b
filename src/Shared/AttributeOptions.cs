using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace Brama.SourceGeneration;

/// <summary>How an attribute option's value is written and checked.</summary>
internal enum AttributeOptionKind
{
    /// <summary>An <c>int</c> of at least 1 (and at most the option's maximum, when it has one).</summary>
    Count,

    /// <summary>A <c>long</c> number of milliseconds, from the option's minimum (1 unless stated) to 365 days.</summary>
    Milliseconds,

    /// <summary>A finite <c>double</c> of at least 1.</summary>
    Factor,

    /// <summary>A <c>double</c> greater than 0 and at most 1.</summary>
    Ratio,

    /// <summary>An <c>ExpiryStrategy</c>: set whenever it is written, even as <c>Fixed</c>.</summary>
    Strategy,

    /// <summary>A <c>bool</c>: set when true; false keeps the default.</summary>
    Flag,
}

/// <summary>
/// One connection option that <c>[CircuitBreaker]</c> can set: its property name (the same on the attribute and on
/// Brama.Core's <c>ConnectionDeclaration</c>), its kind and what it sets on <c>ConnectionOptions</c>. A numeric option
/// at 0 is not set: the registry's default applies.
/// </summary>
internal sealed class AttributeOption
{
    public AttributeOption(string name, AttributeOptionKind kind, string connectionOption, long minimum = 1, long maximum = long.MaxValue)
    {
        Name = name;
        Kind = kind;
        ConnectionOption = connectionOption;
        Minimum = minimum;
        Maximum = kind == AttributeOptionKind.Milliseconds ? System.Math.Min(maximum, KnownNames.MaxTimeMilliseconds) : maximum;
    }

    public string Name { get; }

    public AttributeOptionKind Kind { get; }

    /// <summary>The <c>ConnectionOptions</c> property the value becomes.</summary>
    public string ConnectionOption { get; }

    /// <summary>The smallest set value of a count or milliseconds option.</summary>
    public long Minimum { get; }

    /// <summary>The largest value of a count or milliseconds option.</summary>
    public long Maximum { get; }

    public bool IsSet(object value) => Kind == AttributeOptionKind.Strategy || ToDouble(value) != 0;

    /// <summary>Why a set value is out of range (BRAMA011), or null when the registry accepts it.</summary>
    public string? Problem(object value)
    {
        var number = ToDouble(value);
        return Kind switch
        {
            AttributeOptionKind.Count when number < 0 || number > Maximum => Maximum == long.MaxValue
                ? "it must be at least 1 (or 0 to keep the default)"
                : $"it must be between 1 and {Maximum}, or 0 to keep the default",
            AttributeOptionKind.Milliseconds when number < 0 || (number != 0 && number < Minimum) || number > Maximum =>
                Maximum == KnownNames.MaxTimeMilliseconds
                    ? $"it must be between {Minimum} and {KnownNames.MaxTimeMilliseconds} (365 days), or 0 to keep the default"
                    : $"it must be between {Minimum} and {Maximum}, or 0 to keep the default",
            AttributeOptionKind.Factor when double.IsNaN(number) || double.IsInfinity(number) || (number != 0 && number < 1) =>
                "it must be a finite number of at least 1 (or 0 to keep the default)",
            AttributeOptionKind.Ratio when double.IsNaN(number) || number < 0 || number > 1 =>
                "it must be greater than 0 and at most 1 (or 0 to keep the default)",
            AttributeOptionKind.Strategy when number is not (0 or 1) => "it must be ExpiryStrategy.Fixed or ExpiryStrategy.Progressive",
            _ => null,
        };
    }

    /// <summary>The value as the analyzers' messages write it.</summary>
    public string Describe(object value) => Kind switch
    {
        AttributeOptionKind.Strategy => ToDouble(value) == 1 ? "Progressive" : "Fixed",
        AttributeOptionKind.Flag => ToDouble(value) != 0 ? "true" : "false",
        AttributeOptionKind.Factor or AttributeOptionKind.Ratio => ToDouble(value).ToString("R", CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>A C# literal of a numeric value, for the generated declaration.</summary>
    public string Literal(object value) => Kind switch
    {
        AttributeOptionKind.Factor or AttributeOptionKind.Ratio => ToDouble(value).ToString("R", CultureInfo.InvariantCulture) + "d",
        AttributeOptionKind.Flag => ToDouble(value) != 0 ? "true" : "false",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0",
    };

    private static double ToDouble(object value) => value switch
    {
        int i => i,
        long l => l,
        double d => d,
        _ => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The one table of <c>[CircuitBreaker]</c>'s connection options, read by the generator (what to emit), the analyzers
/// (BRAMA011 ranges, BRAMA007 conflicts) and the attribute reference's test. Brama.Core's attribute and
/// <c>ConnectionDeclaration</c> declare the same names; a test keeps them in step.
/// </summary>
internal static class AttributeOptions
{
    public const string ExpiryMilliseconds = nameof(ExpiryMilliseconds);
    public const string MaxExpiryMilliseconds = nameof(MaxExpiryMilliseconds);
    public const string FailureRatio = nameof(FailureRatio);
    public const string MinimumThroughput = nameof(MinimumThroughput);
    public const string SamplingDurationMilliseconds = nameof(SamplingDurationMilliseconds);
    public const string SamplingCalls = nameof(SamplingCalls);
    public const string SlowCallMilliseconds = nameof(SlowCallMilliseconds);
    public const string SlowCallRatio = nameof(SlowCallRatio);

    /// <summary>The shortest sampling duration the registry accepts (<c>ConnectionOptions.MinSamplingDuration</c>).</summary>
    public const long MinSamplingMilliseconds = 100;

    /// <summary>The largest count window the registry accepts (<c>ConnectionOptions.MaxSamplingCalls</c>).</summary>
    public const long MaxSamplingCalls = 1_000_000;

    public static ImmutableArray<AttributeOption> All { get; } = ImmutableArray.Create(
        new AttributeOption("MaxAttempts", AttributeOptionKind.Count, "MaxAttempts"),
        new AttributeOption(ExpiryMilliseconds, AttributeOptionKind.Milliseconds, "Expiry"),
        new AttributeOption("ExpiryStrategy", AttributeOptionKind.Strategy, "ExpiryStrategy"),
        new AttributeOption("HalfOpenMaxCalls", AttributeOptionKind.Count, "HalfOpenMaxCalls"),
        new AttributeOption("SuccessesToClose", AttributeOptionKind.Count, "SuccessesToClose"),
        new AttributeOption("ProbeTimeoutMilliseconds", AttributeOptionKind.Milliseconds, "ProbeTimeout"),
        new AttributeOption(MaxExpiryMilliseconds, AttributeOptionKind.Milliseconds, "MaxExpiry"),
        new AttributeOption("BackoffFactor", AttributeOptionKind.Factor, "BackoffFactor"),
        new AttributeOption(FailureRatio, AttributeOptionKind.Ratio, "FailureRatio"),
        new AttributeOption(MinimumThroughput, AttributeOptionKind.Count, "MinimumThroughput"),
        new AttributeOption(SamplingDurationMilliseconds, AttributeOptionKind.Milliseconds, "SamplingDuration", minimum: MinSamplingMilliseconds),
        new AttributeOption(SamplingCalls, AttributeOptionKind.Count, "SamplingCalls", maximum: MaxSamplingCalls),
        new AttributeOption(SlowCallMilliseconds, AttributeOptionKind.Milliseconds, "SlowCallDuration"),
        new AttributeOption(SlowCallRatio, AttributeOptionKind.Ratio, "SlowCallRatio"),
        new AttributeOption("FleetWide", AttributeOptionKind.Flag, "FleetWide"));

    private static readonly Dictionary<string, AttributeOption> ByName = All.ToDictionary(static o => o.Name);

    public static AttributeOption? Find(string name) => ByName.TryGetValue(name, out var option) ? option : null;

    /// <summary>
    /// The rules across the values that are set: the registry's <c>MaxExpiry ≥ InitialExpiry</c>, and the window
    /// options that would have no effect (a ratio without its rule, two windows, a window without a rate rule). Each
    /// finding names the option that breaks a rule and why.
    /// </summary>
    public static IEnumerable<(string Option, string Problem)> CrossFieldProblems(IReadOnlyDictionary<string, object> set)
    {
        if (set.TryGetValue(MaxExpiryMilliseconds, out var max) && set.TryGetValue(ExpiryMilliseconds, out var expiry)
            && System.Convert.ToInt64(max, CultureInfo.InvariantCulture) < System.Convert.ToInt64(expiry, CultureInfo.InvariantCulture))
        {
            yield return (MaxExpiryMilliseconds, $"it must be at least ExpiryMilliseconds ({System.Convert.ToString(expiry, CultureInfo.InvariantCulture)})");
        }

        if (set.ContainsKey(SlowCallRatio) && !set.ContainsKey(SlowCallMilliseconds))
        {
            yield return (SlowCallRatio, "it has no effect without SlowCallMilliseconds, which turns the slow-call rule on");
        }

        if (set.ContainsKey(SamplingDurationMilliseconds) && set.ContainsKey(SamplingCalls))
        {
            yield return (SamplingDurationMilliseconds, "SamplingCalls sets a count window instead: set one of the two");
        }

        if (!set.ContainsKey(FailureRatio) && !set.ContainsKey(SlowCallMilliseconds))
        {
            foreach (var window in new[] { MinimumThroughput, SamplingDurationMilliseconds, SamplingCalls })
            {
                if (set.ContainsKey(window))
                {
                    yield return (window, "it has no effect without a rate rule: set FailureRatio or SlowCallMilliseconds");
                }
            }
        }
    }
}
