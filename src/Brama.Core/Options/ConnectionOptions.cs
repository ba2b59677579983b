using System.Collections.ObjectModel;

namespace Brama;

/// <summary>
/// How one connection's circuit behaves. Immutable; every value is validated when it is set, and the cross-field
/// rules (see <see cref="Validate"/>) when the options are handed to a registry.
/// </summary>
public sealed record ConnectionOptions
{
    /// <summary>The largest accepted time value (365 days), so that expiry arithmetic cannot overflow.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromDays(365);

    /// <summary>The shortest <see cref="SamplingDuration"/> (100 ms): ten buckets of at least 10 ms, one timer tick each.</summary>
    public static readonly TimeSpan MinSamplingDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest <see cref="SamplingCalls"/>: the window keeps one value per call.</summary>
    public const int MaxSamplingCalls = 1_000_000;

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly int _maxAttempts = 5;
    private readonly TimeSpan _expiry = TimeSpan.FromSeconds(60);
    private readonly ExpiryStrategy _expiryStrategy;
    private readonly TimeSpan? _initialExpiry;
    private readonly TimeSpan? _maxExpiry;
    private readonly double _backoffFactor = 2.0;
    private readonly int _halfOpenMaxCalls = 1;
    private readonly int _successesToClose = 1;
    private readonly TimeSpan _probeTimeout = TimeSpan.FromSeconds(30);
    private readonly TimeSpan? _inactivityTimeout = TimeSpan.FromHours(24);
    private readonly double? _failureRatio;
    private readonly int _minimumThroughput = 100;
    private readonly TimeSpan _samplingDuration = TimeSpan.FromSeconds(30);
    private readonly int? _samplingCalls;
    private readonly TimeSpan? _slowCallDuration;
    private readonly double _slowCallRatio = 1.0;
    private readonly IReadOnlyDictionary<string, string> _metadata = EmptyMetadata;

    /// <summary>
    /// The defaults: 5 attempts, 60 s fixed expiry, one probe, 30 s probe timeout, 24 h inactivity timeout, no rate rules.
    /// </summary>
    public static ConnectionOptions Default { get; } = new();

    /// <summary>Consecutive failures that open the circuit (≥ 1). Default 5.</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = Positive(value, nameof(MaxAttempts));
    }

    /// <summary>How long a circuit stays open before a probe is allowed (fixed strategy). Default 60 s.</summary>
    public TimeSpan Expiry
    {
        get => _expiry;
        init => _expiry = PositiveTime(value, nameof(Expiry));
    }

    /// <summary>Fixed or progressive expiry. Default <see cref="Brama.ExpiryStrategy.Fixed"/>.</summary>
    public ExpiryStrategy ExpiryStrategy
    {
        get => _expiryStrategy;
        init => _expiryStrategy = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ExpiryStrategy), value, "Expected Fixed or Progressive.");
    }

    /// <summary>Progressive: the length of the first opening. Defaults to <see cref="Expiry"/>.</summary>
    public TimeSpan InitialExpiry
    {
        get => _initialExpiry ?? _expiry;
        init => _initialExpiry = PositiveTime(value, nameof(InitialExpiry));
    }

    /// <summary>Progressive: the cap on an opening's length. Defaults to 10 × <see cref="InitialExpiry"/>, at most <see cref="MaxTime"/>.</summary>
    public TimeSpan MaxExpiry
    {
        get => _maxExpiry ?? TimeSpan.FromTicks(Math.Min(InitialExpiry.Ticks * 10, MaxTime.Ticks));
        init => _maxExpiry = PositiveTime(value, nameof(MaxExpiry));
    }

    /// <summary>Progressive: the growth factor between consecutive openings (≥ 1, finite). Default 2.0.</summary>
    public double BackoffFactor
    {
        get => _backoffFactor;
        init => _backoffFactor = double.IsFinite(value) && value >= 1.0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BackoffFactor), value, "Must be a finite number of at least 1.");
    }

    /// <summary>Probes admitted at once while half-open (≥ 1). Default 1.</summary>
    public int HalfOpenMaxCalls
    {
        get => _halfOpenMaxCalls;
        init => _halfOpenMaxCalls = Positive(value, nameof(HalfOpenMaxCalls));
    }

    /// <summary>Successful probes needed to close the circuit (≥ 1). Default 1.</summary>
    public int SuccessesToClose
    {
        get => _successesToClose;
        init => _successesToClose = Positive(value, nameof(SuccessesToClose));
    }

    /// <summary>A probe permit not completed within this time counts as a failed probe. Default 30 s.</summary>
    public TimeSpan ProbeTimeout
    {
        get => _probeTimeout;
        init => _probeTimeout = PositiveTime(value, nameof(ProbeTimeout));
    }

    /// <summary>Idle connections are removed by cleanup after this time; <see langword="null"/> = never. Default 24 h.</summary>
    public TimeSpan? InactivityTimeout
    {
        get => _inactivityTimeout;
        init => _inactivityTimeout = value is { } time ? PositiveTime(time, nameof(InactivityTimeout)) : null;
    }

    /// <summary>
    /// Failure-rate rule: while closed, the circuit opens when the window holds at least <see cref="MinimumThroughput"/>
    /// calls and failures ÷ calls reaches this ratio, in (0, 1]. <see langword="null"/> (default) turns the rule off.
    /// </summary>
    public double? FailureRatio
    {
        get => _failureRatio;
        init => _failureRatio = value is { } ratio ? Ratio(ratio, nameof(FailureRatio)) : null;
    }

    /// <summary>The fewest calls in the window before a rate rule may open the circuit (≥ 1). Default 100.</summary>
    public int MinimumThroughput
    {
        get => _minimumThroughput;
        init => _minimumThroughput = Positive(value, nameof(MinimumThroughput));
    }

    /// <summary>
    /// The rate rules' time window: outcomes older than this are forgotten (in ten buckets, so no sooner than this and no
    /// later than 1.1 × this). At least <see cref="MinSamplingDuration"/>. Default 30 s. Unused with <see cref="SamplingCalls"/>.
    /// </summary>
    public TimeSpan SamplingDuration
    {
        get => _samplingDuration;
        init => _samplingDuration = value >= MinSamplingDuration && value <= MaxTime
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SamplingDuration), value, $"Must be at least {MinSamplingDuration.TotalMilliseconds} ms and at most {MaxTime.TotalDays} days.");
    }

    /// <summary>
    /// The rate rules' count window instead of a time window: the last this many calls (1 to
    /// <see cref="MaxSamplingCalls"/>). <see langword="null"/> (default) uses <see cref="SamplingDuration"/>.
    /// </summary>
    public int? SamplingCalls
    {
        get => _samplingCalls;
        init => _samplingCalls = value is { } calls
            ? calls is >= 1 and <= MaxSamplingCalls ? calls : throw new ArgumentOutOfRangeException(nameof(SamplingCalls), calls, $"Must be between 1 and {MaxSamplingCalls}.")
            : null;
    }

    /// <summary>
    /// Slow-call rule: a call that takes longer than this (from the permit to its completion, on the registry's clock)
    /// is slow, whatever its outcome; while closed, the circuit opens when the window holds at least
    /// <see cref="MinimumThroughput"/> calls and slow ÷ calls reaches <see cref="SlowCallRatio"/>. A slow probe is a
    /// failed probe. <see langword="null"/> (default) turns the rule off and measures nothing.
    /// </summary>
    public TimeSpan? SlowCallDuration
    {
        get => _slowCallDuration;
        init => _slowCallDuration = value is { } time ? PositiveTime(time, nameof(SlowCallDuration)) : null;
    }

    /// <summary>The share of slow calls that opens the circuit, in (0, 1]. Default 1.0.</summary>
    public double SlowCallRatio
    {
        get => _slowCallRatio;
        init => _slowCallRatio = Ratio(value, nameof(SlowCallRatio));
    }

    /// <summary>
    /// Whether the connection takes part in a fleet (for example <c>Brama.Redis</c>'s): its openings, probes and
    /// operator commands are shared with the other instances of the service that joined the same fleet. Default
    /// false: the circuit is this instance's alone. Nothing changes on the call path either way.
    /// </summary>
    public bool FleetWide { get; init; }

    /// <summary>Whether a rate rule (failure rate or slow calls) is on, so that the connection keeps a window.</summary>
    public bool HasRateRules => _failureRatio is not null || _slowCallDuration is not null;

    /// <summary>User key/values, copied into the status and every event of the connection. Default empty.</summary>
    public IReadOnlyDictionary<string, string> Metadata
    {
        get => _metadata;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Metadata));
            var copy = new Dictionary<string, string>(value.Count, StringComparer.Ordinal);
            foreach (var (key, text) in value)
            {
                if (key is null || text is null)
                {
                    throw new ArgumentException("Metadata keys and values must not be null.", nameof(Metadata));
                }

                copy[key] = text;
            }

            _metadata = new ReadOnlyDictionary<string, string>(copy);
        }
    }

    /// <summary>
    /// Checks the rules that involve several values (<see cref="MaxExpiry"/> ≥ <see cref="InitialExpiry"/>). Registry
    /// operations call it before they change anything.
    /// </summary>
    /// <param name="paramName">The name of the parameter the options were passed as, for the exception.</param>
    /// <exception cref="ArgumentException">A rule is broken; the message names the values.</exception>
    public void Validate(string paramName = "options")
    {
        if (MaxExpiry < InitialExpiry)
        {
            throw new ArgumentException(
                $"MaxExpiry ({MaxExpiry}) must not be shorter than InitialExpiry ({InitialExpiry}).", paramName);
        }
    }

    /// <summary>
    /// How long the <paramref name="opening"/>-th consecutive opening lasts: <see cref="Expiry"/> for the fixed strategy,
    /// <c>min(MaxExpiry, InitialExpiry × BackoffFactor^(opening − 1))</c> for the progressive one. Never overflows: a
    /// length past <see cref="MaxExpiry"/> (however large <paramref name="opening"/> is) is capped.
    /// </summary>
    /// <param name="opening">The number of the opening, counted from 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opening"/> is less than 1.</exception>
    public TimeSpan GetOpenDuration(int opening)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opening, 1);
        if (ExpiryStrategy == ExpiryStrategy.Fixed)
        {
            return Expiry;
        }

        var max = MaxExpiry;
        var ticks = InitialExpiry.Ticks * Math.Pow(BackoffFactor, opening - 1);
        return ticks < max.Ticks ? TimeSpan.FromTicks((long)ticks) : max;
    }

    /// <summary>Compares the effective values of every option, and the metadata by content.</summary>
    /// <param name="other">The options to compare with.</param>
    public bool Equals(ConnectionOptions? other) =>
        other is not null &&
        (ReferenceEquals(this, other) ||
         (MaxAttempts == other.MaxAttempts &&
          Expiry == other.Expiry &&
          ExpiryStrategy == other.ExpiryStrategy &&
          InitialExpiry == other.InitialExpiry &&
          MaxExpiry == other.MaxExpiry &&
          BackoffFactor.Equals(other.BackoffFactor) &&
          HalfOpenMaxCalls == other.HalfOpenMaxCalls &&
          SuccessesToClose == other.SuccessesToClose &&
          ProbeTimeout == other.ProbeTimeout &&
          InactivityTimeout == other.InactivityTimeout &&
          FailureRatio.Equals(other.FailureRatio) &&
          MinimumThroughput == other.MinimumThroughput &&
          SamplingDuration == other.SamplingDuration &&
          SamplingCalls == other.SamplingCalls &&
          SlowCallDuration == other.SlowCallDuration &&
          SlowCallRatio.Equals(other.SlowCallRatio) &&
          FleetWide == other.FleetWide &&
          MetadataEquals(Metadata, other.Metadata)));

    /// <summary>A hash of the effective values (metadata by count only, so that equal options hash alike).</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MaxAttempts);
        hash.Add(Expiry);
        hash.Add(ExpiryStrategy);
        hash.Add(InitialExpiry);
        hash.Add(MaxExpiry);
        hash.Add(BackoffFactor);
        hash.Add(HalfOpenMaxCalls);
        hash.Add(SuccessesToClose);
        hash.Add(ProbeTimeout);
        hash.Add(InactivityTimeout);
        hash.Add(FailureRatio);
        hash.Add(MinimumThroughput);
        hash.Add(SamplingDuration);
        hash.Add(SamplingCalls);
        hash.Add(SlowCallDuration);
        hash.Add(SlowCallRatio);
        hash.Add(FleetWide);
        hash.Add(Metadata.Count);
        return hash.ToHashCode();
    }

    private static bool MetadataEquals(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static double Ratio(double value, string name) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be greater than 0 and at most 1.");

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");

    private static TimeSpan PositiveTime(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value <= MaxTime
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Must be greater than zero and at most {MaxTime.TotalDays} days.");
}
