using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace Brama.SourceGeneration;

/// <summary>How an attribute option's value is written and checked.</summary>
internal enum AttributeOptionKind
{
    /// <summary>An <c>int</c> of at least 1.</summary>
    Count,

    /// <summary>A <c>long</c> number of milliseconds, from 1 to 365 days.</summary>
    Milliseconds,

    /// <summary>A finite <c>double</c> of at least 1.</summary>
    Factor,

    /// <summary>An <c>ExpiryStrategy</c>: set whenever it is written, even as <c>Fixed</c>.</summary>
    Strategy,
}

/// <summary>
/// One connection option that <c>[CircuitBreaker]</c> can set: its property name (the same on the attribute and on
/// Brama.Core's <c>ConnectionDeclaration</c>), its kind and what it sets on <c>ConnectionOptions</c>. A numeric option
/// at 0 is not set: the registry's default applies.
/// </summary>
internal sealed class AttributeOption
{
    public AttributeOption(string name, AttributeOptionKind kind, string connectionOption)
    {
        Name = name;
        Kind = kind;
        ConnectionOption = connectionOption;
    }

    public string Name { get; }

    public AttributeOptionKind Kind { get; }

    /// <summary>The <c>ConnectionOptions</c> property the value becomes.</summary>
    public string ConnectionOption { get; }

    public bool IsSet(object value) => Kind == AttributeOptionKind.Strategy || ToDouble(value) != 0;

    /// <summary>Why a set value is out of range (BRAMA011), or null when the registry accepts it.</summary>
    public string? Problem(object value)
    {
        var number = ToDouble(value);
        return Kind switch
        {
            AttributeOptionKind.Count when number < 0 => "it must be at least 1 (or 0 to keep the default)",
            AttributeOptionKind.Milliseconds when number is < 0 or > KnownNames.MaxTimeMilliseconds =>
                $"it must be between 1 and {KnownNames.MaxTimeMilliseconds} (365 days), or 0 to keep the default",
            AttributeOptionKind.Factor when double.IsNaN(number) || double.IsInfinity(number) || (number != 0 && number < 1) =>
                "it must be a finite number of at least 1 (or 0 to keep the default)",
            AttributeOptionKind.Strategy when number is not (0 or 1) => "it must be ExpiryStrategy.Fixed or ExpiryStrategy.Progressive",
            _ => null,
        };
    }

    /// <summary>The value as the analyzers' messages write it.</summary>
    public string Describe(object value) => Kind switch
    {
        AttributeOptionKind.Strategy => ToDouble(value) == 1 ? "Progressive" : "Fixed",
        AttributeOptionKind.Factor => ToDouble(value).ToString("R", CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>A C# literal of a numeric value, for the generated declaration.</summary>
    public string Literal(object value) => Kind == AttributeOptionKind.Factor
        ? ToDouble(value).ToString("R", CultureInfo.InvariantCulture) + "d"
        : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";

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

    public static ImmutableArray<AttributeOption> All { get; } = ImmutableArray.Create(
        new AttributeOption("MaxAttempts", AttributeOptionKind.Count, "MaxAttempts"),
        new AttributeOption(ExpiryMilliseconds, AttributeOptionKind.Milliseconds, "Expiry"),
        new AttributeOption("ExpiryStrategy", AttributeOptionKind.Strategy, "ExpiryStrategy"),
        new AttributeOption("HalfOpenMaxCalls", AttributeOptionKind.Count, "HalfOpenMaxCalls"),
        new AttributeOption("SuccessesToClose", AttributeOptionKind.Count, "SuccessesToClose"),
        new AttributeOption("ProbeTimeoutMilliseconds", AttributeOptionKind.Milliseconds, "ProbeTimeout"),
        new AttributeOption(MaxExpiryMilliseconds, AttributeOptionKind.Milliseconds, "MaxExpiry"),
        new AttributeOption("BackoffFactor", AttributeOptionKind.Factor, "BackoffFactor"));

    private static readonly Dictionary<string, AttributeOption> ByName = All.ToDictionary(static o => o.Name);

    public static AttributeOption? Find(string name) => ByName.TryGetValue(name, out var option) ? option : null;

    /// <summary>
    /// The rule across values (the registry's <c>MaxExpiry ≥ InitialExpiry</c>) when both are set: the option that
    /// breaks it and why, or null.
    /// </summary>
    public static (string Option, string Problem)? CrossFieldProblem(IReadOnlyDictionary<string, object> set) =>
        set.TryGetValue(MaxExpiryMilliseconds, out var max) && set.TryGetValue(ExpiryMilliseconds, out var expiry)
            && System.Convert.ToInt64(max, CultureInfo.InvariantCulture) < System.Convert.ToInt64(expiry, CultureInfo.InvariantCulture)
            ? (MaxExpiryMilliseconds, $"it must be at least ExpiryMilliseconds ({System.Convert.ToString(expiry, CultureInfo.InvariantCulture)})")
            : null;
}
