using System.ComponentModel;
using System.Globalization;

namespace Brama;

/// <summary>
/// A connection as a <see cref="CircuitBreakerAttribute"/> declares it: identifier, scope and the options the attribute
/// sets. Generated code holds one per decorated method; it is not validated until the decorator registers the
/// connection, so a bad value surfaces at the call rather than in a type initializer.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConnectionDeclaration
{
    // Each attribute option: how to read what the declaration sets, apply it, and read what a connection runs with.
    private static readonly DeclaredOption[] Declared =
    [
        new(nameof(MaxAttempts), static d => d.MaxAttempts, static (o, v) => o with { MaxAttempts = (int)v }, static o => o.MaxAttempts),
        new(nameof(ExpiryMilliseconds), static d => d.ExpiryMilliseconds, static (o, v) => o with { Expiry = ToTime((long)v, nameof(ExpiryMilliseconds)) }, static o => Milliseconds(o.Expiry)),
        new(nameof(ExpiryStrategy), static d => d.ExpiryStrategy, static (o, v) => o with { ExpiryStrategy = (ExpiryStrategy)v }, static o => o.ExpiryStrategy),
        new(nameof(HalfOpenMaxCalls), static d => d.HalfOpenMaxCalls, static (o, v) => o with { HalfOpenMaxCalls = (int)v }, static o => o.HalfOpenMaxCalls),
        new(nameof(SuccessesToClose), static d => d.SuccessesToClose, static (o, v) => o with { SuccessesToClose = (int)v }, static o => o.SuccessesToClose),
        new(nameof(ProbeTimeoutMilliseconds), static d => d.ProbeTimeoutMilliseconds, static (o, v) => o with { ProbeTimeout = ToTime((long)v, nameof(ProbeTimeoutMilliseconds)) }, static o => Milliseconds(o.ProbeTimeout)),
        new(nameof(MaxExpiryMilliseconds), static d => d.MaxExpiryMilliseconds, static (o, v) => o with { MaxExpiry = ToTime((long)v, nameof(MaxExpiryMilliseconds)) }, static o => Milliseconds(o.MaxExpiry)),
        new(nameof(BackoffFactor), static d => d.BackoffFactor, static (o, v) => o with { BackoffFactor = (double)v }, static o => o.BackoffFactor),
        new(nameof(FailureRatio), static d => d.FailureRatio, static (o, v) => o with { FailureRatio = (double)v }, static o => o.FailureRatio ?? 0d),
        new(nameof(MinimumThroughput), static d => d.MinimumThroughput, static (o, v) => o with { MinimumThroughput = (int)v }, static o => o.MinimumThroughput),
        new(nameof(SamplingDurationMilliseconds), static d => d.SamplingDurationMilliseconds, static (o, v) => o with { SamplingDuration = ToTime((long)v, nameof(SamplingDurationMilliseconds)) }, static o => Milliseconds(o.SamplingDuration)),
        new(nameof(SamplingCalls), static d => d.SamplingCalls, static (o, v) => o with { SamplingCalls = (int)v }, static o => o.SamplingCalls ?? 0),
        new(nameof(SlowCallMilliseconds), static d => d.SlowCallMilliseconds, static (o, v) => o with { SlowCallDuration = ToTime((long)v, nameof(SlowCallMilliseconds)) }, static o => o.SlowCallDuration is { } slow ? Milliseconds(slow) : 0L),
        new(nameof(SlowCallRatio), static d => d.SlowCallRatio, static (o, v) => o with { SlowCallRatio = (double)v }, static o => o.SlowCallRatio),
        new(nameof(FleetWide), static d => d.FleetWide, static (o, v) => o with { FleetWide = (bool)v }, static o => o.FleetWide),
    ];

    /// <summary>Declares the connection <paramref name="identifier"/> in <paramref name="scope"/>.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    public ConnectionDeclaration(string identifier, string? scope)
    {
        Identifier = identifier;
        Scope = scope;
    }

    /// <summary>The connection identifier.</summary>
    public string Identifier { get; }

    /// <summary>The scope, or <see langword="null"/>.</summary>
    public string? Scope { get; }

    /// <summary>The decorated method, as <c>Namespace.Type.Method</c>, for messages.</summary>
    public string? DeclaredBy { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.MaxAttempts"/>, when the attribute sets it.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.ExpiryMilliseconds"/>, when the attribute sets it.</summary>
    public long? ExpiryMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.ExpiryStrategy"/>, when the attribute sets it.</summary>
    public ExpiryStrategy? ExpiryStrategy { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.HalfOpenMaxCalls"/>, when the attribute sets it.</summary>
    public int? HalfOpenMaxCalls { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.SuccessesToClose"/>, when the attribute sets it.</summary>
    public int? SuccessesToClose { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.ProbeTimeoutMilliseconds"/>, when the attribute sets it.</summary>
    public long? ProbeTimeoutMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.MaxExpiryMilliseconds"/>, when the attribute sets it.</summary>
    public long? MaxExpiryMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.BackoffFactor"/>, when the attribute sets it.</summary>
    public double? BackoffFactor { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.FailureRatio"/>, when the attribute sets it.</summary>
    public double? FailureRatio { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.MinimumThroughput"/>, when the attribute sets it.</summary>
    public int? MinimumThroughput { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.SamplingDurationMilliseconds"/>, when the attribute sets it.</summary>
    public long? SamplingDurationMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.SamplingCalls"/>, when the attribute sets it.</summary>
    public int? SamplingCalls { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.SlowCallMilliseconds"/>, when the attribute sets it.</summary>
    public long? SlowCallMilliseconds { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.SlowCallRatio"/>, when the attribute sets it.</summary>
    public double? SlowCallRatio { get; init; }

    /// <summary><see cref="CircuitBreakerAttribute.FleetWide"/>, when the attribute sets it (to true).</summary>
    public bool? FleetWide { get; init; }

    /// <summary>Whether the attribute sets any option.</summary>
    public bool HasOptions => Array.Exists(Declared, d => d.Value(this) is not null);

    /// <summary>
    /// The options to register the connection with: <paramref name="defaults"/> with the values the attribute sets,
    /// or <see langword="null"/> (the registry's defaults) when it sets none.
    /// </summary>
    /// <param name="defaults">The registry's default options.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value the attribute sets is out of range.</exception>
    public ConnectionOptions? ToOptions(ConnectionOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (!HasOptions)
        {
            return null;
        }

        var options = defaults;
        foreach (var option in Declared)
        {
            if (option.Value(this) is { } value)
            {
                options = option.Apply(options, value);
            }
        }

        return options;
    }

    /// <summary>
    /// The options this declaration sets that <paramref name="effective"/> does not run with, each as
    /// <c>MaxAttempts = 2 (runs with 5)</c>: what a connection registered beforehand, in code or configuration, overrides.
    /// </summary>
    /// <param name="effective">The options of the connection the decorator found.</param>
    public IReadOnlyList<string> OverriddenBy(ConnectionOptions effective)
    {
        ArgumentNullException.ThrowIfNull(effective);
        var overridden = new List<string>();
        foreach (var option in Declared)
        {
            if (option.Value(this) is { } declared && !declared.Equals(option.Effective(effective)))
            {
                overridden.Add($"{option.Name} = {Format(declared)} (runs with {Format(option.Effective(effective))})");
            }
        }

        return overridden;
    }

    /// <inheritdoc/>
    public override string ToString() => ConnectionRegistry.Describe(Identifier, Scope);

    // TimeSpan.FromMilliseconds overflows past about 29 000 years; anything that long is out of range anyway.
    private static TimeSpan ToTime(long milliseconds, string name) =>
        milliseconds > (long)ConnectionOptions.MaxTime.TotalMilliseconds
            ? throw new ArgumentOutOfRangeException(name, milliseconds, "Must be at most 31536000000 ms (365 days).")
            : milliseconds < 1
                ? throw new ArgumentOutOfRangeException(name, milliseconds, "Must be at least 1 ms.")
                : TimeSpan.FromMilliseconds(milliseconds);

    private static long Milliseconds(TimeSpan time) => (long)time.TotalMilliseconds;

    private static string Format(object value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private sealed record DeclaredOption(
        string Name,
        Func<ConnectionDeclaration, object?> Value,
        Func<ConnectionOptions, object, ConnectionOptions> Apply,
        Func<ConnectionOptions, object> Effective);
}
