using System.Globalization;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// The failure-rate and slow-call rules over a sliding window, beside the consecutive rule (design §2.3). While
/// closed, every success and failure is recorded; after a recorded failure or slow call the circuit opens when the
/// window holds at least <see cref="ConnectionOptions.MinimumThroughput"/> calls and a rate reaches its ratio. The
/// window is cleared when the circuit opens and when it closes. One per connection with rate rules; quiet successes
/// are recorded without the connection's lock.
/// </summary>
internal sealed class RateRule : TripRule
{
    private readonly TimeWindow? _timeWindow;
    private readonly CountWindow? _countWindow;
    private readonly WindowClocks _clocks;
    private readonly double? _failureRatio;
    private readonly double _slowCallRatio;
    private readonly long _slowCallTimestamps;
    private readonly int _minimumThroughput;
    private readonly string? _windowText; // "in 10 s": for a time window only

    private RateRule(ConnectionOptions options, TimeProvider time, WindowClocks clocks)
    {
        Options = options;
        _clocks = clocks;
        _failureRatio = options.FailureRatio;
        _slowCallRatio = options.SlowCallRatio;
        _slowCallTimestamps = options.SlowCallDuration is { } slow
            ? (long)((Int128)slow.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond)
            : long.MaxValue;
        if (options.SamplingCalls is { } calls)
        {
            _countWindow = new CountWindow(calls);
            _minimumThroughput = Math.Min(options.MinimumThroughput, calls);
        }
        else
        {
            var clock = clocks.Acquire(options.SamplingDuration / (TimeWindow.Buckets - 1));
            _timeWindow = new TimeWindow(countsSlowCalls: options.SlowCallDuration is not null, clock);
            _minimumThroughput = options.MinimumThroughput;
            _windowText = "in " + Describe(options.SamplingDuration);
        }
    }

    /// <summary>The options the rule was made from.</summary>
    public ConnectionOptions Options { get; }

    /// <summary>The time window, when the rule samples a duration: the connection records quiet successes in it directly.</summary>
    public TimeWindow? TimeWindow => _timeWindow;

    /// <summary>Whether calls are timed (the slow-call rule is on).</summary>
    public bool MeasuresSlowCalls => _slowCallTimestamps != long.MaxValue;

    /// <summary>The rule for <paramref name="options"/>, or null when they have no rate rules.</summary>
    public static RateRule? For(ConnectionOptions options, TimeProvider time, WindowClocks clocks) =>
        options.HasRateRules ? new RateRule(options, time, clocks) : null;

    /// <summary>Whether <paramref name="options"/> set up the same rules, so that the window can be kept.</summary>
    public bool HasSameRules(ConnectionOptions options) =>
        options.FailureRatio.Equals(Options.FailureRatio) &&
        options.MinimumThroughput == Options.MinimumThroughput &&
        options.SamplingDuration == Options.SamplingDuration &&
        options.SamplingCalls == Options.SamplingCalls &&
        options.SlowCallDuration == Options.SlowCallDuration &&
        options.SlowCallRatio.Equals(Options.SlowCallRatio);

    /// <summary>Whether a call timed from <paramref name="startedAt"/> to <paramref name="now"/> was slow.</summary>
    public bool IsSlow(long startedAt, long now) => now - startedAt > _slowCallTimestamps;

    /// <summary>Whether a reported call of <paramref name="duration"/> was slow.</summary>
    public bool IsSlow(TimeSpan? duration) => duration > Options.SlowCallDuration;

    /// <summary>A success that changes nothing else, recorded without the lock in the bucket the clock shows.</summary>
    public void RecordQuietSuccess()
    {
        if (_timeWindow is { } window)
        {
            window.RecordCall();
        }
        else
        {
            _countWindow!.Record(Sample.Call);
        }
    }

    /// <summary>A timed success that was not slow, recorded without the lock in the bucket of <paramref name="now"/>.</summary>
    public void RecordQuietSuccess(long now) => Record(Sample.Call, now);

    public override bool RecordSuccess(ref int consecutiveFailures, bool slow, long now, out Trip trip)
    {
        consecutiveFailures = 0;
        Record(slow ? Sample.Slow : Sample.Call, now);
        trip = default;
        return slow && Trips(now, reason: null, out trip);
    }

    public override bool RecordFailure(ref int consecutiveFailures, ConnectionOptions options, bool slow, long now, string? reason, out Trip trip)
    {
        Record(slow ? Sample.Failure | Sample.Slow : Sample.Failure, now);
        return ConsecutiveFailuresRule.Count(ref consecutiveFailures, options, reason, out trip) || Trips(now, reason, out trip);
    }

    public override void OnOpened() => Clear();

    public override void OnClosed(ref int consecutiveFailures)
    {
        consecutiveFailures = 0;
        Clear();
    }

    /// <summary>What the window holds at <paramref name="now"/>.</summary>
    public WindowCounts Counts(long now) =>
        _timeWindow is { } window ? window.Counts(window.Clock.Observe(now)) : _countWindow!.Counts();

    /// <summary>The rule is no longer the connection's: its clock may stop.</summary>
    public void Release()
    {
        if (_timeWindow is { } window)
        {
            _clocks.Release(window.Clock);
        }
    }

    private void Record(Sample sample, long now)
    {
        if (_timeWindow is { } window)
        {
            window.Record(window.Clock.Observe(now), sample);
        }
        else
        {
            _countWindow!.Record(sample);
        }
    }

    private void Clear()
    {
        _timeWindow?.Clear();
        _countWindow?.Clear();
    }

    private bool Trips(long now, string? reason, out Trip trip)
    {
        var counts = Counts(now);
        trip = default;
        if (counts.Calls < _minimumThroughput)
        {
            return false;
        }

        if (_failureRatio is { } failureRatio && counts.FailureRate >= failureRatio)
        {
            trip = Account(CircuitTrip.FailureRate, "failure rate", counts.FailureRate, failureRatio, counts.Calls, reason);
            return true;
        }

        if (MeasuresSlowCalls && counts.SlowCallRate >= _slowCallRatio)
        {
            var label = "slow-call rate (over " + Describe(Options.SlowCallDuration!.Value) + ")";
            trip = Account(CircuitTrip.SlowCallRate, label, counts.SlowCallRate, _slowCallRatio, counts.Calls, reason);
            return true;
        }

        return false;
    }

    private Trip Account(CircuitTrip rule, string label, double rate, double ratio, int calls, string? lastFailure)
    {
        var sampled = _timeWindow is null
            ? string.Create(CultureInfo.InvariantCulture, $"of the last {calls} calls")
            : string.Create(CultureInfo.InvariantCulture, $"of {calls} calls {_windowText}");
        var text = $"{label} {Percent(rate)} {sampled} ≥ {Percent(ratio)}";
        return new Trip(rule, lastFailure is null ? text : $"{text}; last failure: {lastFailure}", calls, rate);
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Describe(TimeSpan time) => time < TimeSpan.FromSeconds(1)
        ? time.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms"
        : time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
