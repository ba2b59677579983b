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
    private readonly IReadOnlyDictionary<string, string> _metadata = EmptyMetadata;

    /// <summary>The defaults: 5 attempts, 60 s fixed expiry, one probe, 30 s probe timeout, 24 h inactivity timeout.</summary>
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

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");

    private static TimeSpan PositiveTime(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value <= MaxTime
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Must be greater than zero and at most {MaxTime.TotalDays} days.");
}
