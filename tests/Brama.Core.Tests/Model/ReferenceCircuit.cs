namespace Brama.Core.Tests.Model;

/// <summary>
/// A deliberately plain reference model of one circuit, written from the state table of design §2.3 and the engine
/// refinements of §7 (episodes, late results, probe timeouts, reports without a permit, the rate rules' windows). It
/// shares no code with the engine; the model-based test runs both side by side. Time is in <see cref="TimeSpan"/> ticks
/// since the test start, which lies on a whole second.
/// </summary>
internal sealed class ReferenceCircuit(ConnectionOptions options)
{
    private readonly Dictionary<long, long> _probeDeadlines = [];
    private readonly List<(long At, bool Failed, bool Slow)> _samples = [];
    private ConnectionOptions _options = options;
    private long _lastProbeId;
    private int _probeSuccesses;

    /// <summary>The options; new rate settings start a new window.</summary>
    public ConnectionOptions Options
    {
        get => _options;
        set
        {
            if (value.FailureRatio != _options.FailureRatio || value.MinimumThroughput != _options.MinimumThroughput ||
                value.SamplingDuration != _options.SamplingDuration || value.SamplingCalls != _options.SamplingCalls ||
                value.SlowCallDuration != _options.SlowCallDuration || value.SlowCallRatio != _options.SlowCallRatio)
            {
                _samples.Clear();
            }

            _options = value;
        }
    }

    private bool HasRateRules => Options.FailureRatio is not null || Options.SlowCallDuration is not null;

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public int FailureCount { get; private set; }

    public int Openings { get; private set; }

    /// <summary>Incremented by every state change; a closed-circuit permit counts only within its own episode.</summary>
    public int Episode { get; private set; }

    public long ExpiresAt { get; private set; }

    public int ProbesInFlight => _probeDeadlines.Count;

    /// <summary>Applies what time alone makes due: the end of an open period, then a probe past its deadline.</summary>
    public void Refresh(long now)
    {
        if (State == CircuitState.Open && now >= ExpiresAt)
        {
            ChangeState(CircuitState.HalfOpen);
            _probeSuccesses = 0;
        }
        else if (State == CircuitState.HalfOpen && _probeDeadlines.Count > 0 && now >= _probeDeadlines.Values.Min())
        {
            Open(now, duration: null);
        }
    }

    public ReferencePermit? TryAcquire(long now)
    {
        Refresh(now);
        var timed = Options.SlowCallDuration is not null;
        if (State == CircuitState.Closed)
        {
            return new ReferencePermit(this, IsProbe: false, Episode, ProbeId: 0, StartedAt: timed ? now : null);
        }

        if (State == CircuitState.HalfOpen && _probeDeadlines.Count < Options.HalfOpenMaxCalls)
        {
            var id = ++_lastProbeId;
            _probeDeadlines[id] = now + Options.ProbeTimeout.Ticks;
            return new ReferencePermit(this, IsProbe: true, Episode, id, StartedAt: timed ? now : null);
        }

        return null;
    }

    public void Complete(ReferencePermit permit, OutcomeKind outcome, long now)
    {
        Refresh(now);
        var counts = permit.IsProbe
            ? _probeDeadlines.Remove(permit.ProbeId)
            : permit.Episode == Episode;
        var slow = permit.StartedAt is { } start && Options.SlowCallDuration is { } limit && now - start > limit.Ticks;
        Apply(outcome, counts, now, slow);
    }

    /// <summary>A report outside a permit counts in the current state, unless that state is open.</summary>
    public void Report(OutcomeKind outcome, long now, TimeSpan? duration = null)
    {
        Refresh(now);
        Apply(outcome, counts: State != CircuitState.Open, now, slow: duration > Options.SlowCallDuration);
    }

    /// <summary>What the window holds at <paramref name="now"/>: calls, failures, slow calls.</summary>
    public (int Calls, int Failures, int Slow) Window(long now)
    {
        if (!HasRateRules)
        {
            return default;
        }

        var held = Options.SamplingCalls is { } size
            ? _samples.Skip(Math.Max(0, _samples.Count - size))
            : _samples.Where(s => Bucket(now) - Bucket(s.At) <= 10);
        var list = held.ToList();
        return (list.Count, list.Count(s => s.Failed), list.Count(s => s.Slow));
    }

    public void ManualOpen(long now, TimeSpan? expiry)
    {
        Refresh(now);
        Open(now, expiry);
    }

    public void ManualClose(long now)
    {
        Refresh(now);
        Close(keepOpenings: true);
    }

    public void Reset(long now)
    {
        Refresh(now);
        Close(keepOpenings: false);
    }

    private void Apply(OutcomeKind outcome, bool counts, long now, bool slow)
    {
        if (!counts || outcome == OutcomeKind.Ignore)
        {
            return;
        }

        if (outcome == OutcomeKind.Success)
        {
            if (State == CircuitState.Closed)
            {
                FailureCount = 0;
                if (Sample(now, failed: false, slow) && slow)
                {
                    OpenIfARateTrips(now);
                }
            }
            else if (slow)
            {
                Open(now, duration: null);
            }
            else if (++_probeSuccesses >= Options.SuccessesToClose)
            {
                Close(keepOpenings: false);
            }

            return;
        }

        if (State == CircuitState.HalfOpen)
        {
            Open(now, duration: null);
            return;
        }

        Sample(now, failed: true, slow);
        if (++FailureCount >= Options.MaxAttempts)
        {
            Open(now, duration: null);
        }
        else
        {
            OpenIfARateTrips(now);
        }
    }

    private bool Sample(long now, bool failed, bool slow)
    {
        if (HasRateRules)
        {
            _samples.Add((now, failed, slow));
        }

        return HasRateRules;
    }

    private void OpenIfARateTrips(long now)
    {
        if (!HasRateRules)
        {
            return;
        }

        var (calls, failures, slowCalls) = Window(now);
        var minimum = Options.SamplingCalls is { } size ? Math.Min(size, Options.MinimumThroughput) : Options.MinimumThroughput;
        if (calls >= minimum &&
            ((Options.FailureRatio is { } ratio && (double)failures / calls >= ratio) ||
             (Options.SlowCallDuration is not null && (double)slowCalls / calls >= Options.SlowCallRatio)))
        {
            Open(now, duration: null);
        }
    }

    private long Bucket(long now) => now / (Options.SamplingDuration.Ticks / 10);

    private void Open(long now, TimeSpan? duration)
    {
        Openings++;
        _samples.Clear();
        ExpiresAt = now + (duration ?? OpenDuration(Openings)).Ticks;
        _probeDeadlines.Clear();
        _probeSuccesses = 0;
        ChangeState(CircuitState.Open);
    }

    private void Close(bool keepOpenings)
    {
        FailureCount = 0;
        _samples.Clear();
        if (!keepOpenings)
        {
            Openings = 0;
        }

        if (State != CircuitState.Closed)
        {
            _probeDeadlines.Clear();
            ChangeState(CircuitState.Closed);
        }
    }

    private TimeSpan OpenDuration(int opening)
    {
        if (Options.ExpiryStrategy == ExpiryStrategy.Fixed)
        {
            return Options.Expiry;
        }

        var length = Options.InitialExpiry;
        for (var k = 1; k < opening && length < Options.MaxExpiry; k++)
        {
            length = TimeSpan.FromTicks((long)(length.Ticks * Options.BackoffFactor));
        }

        return length < Options.MaxExpiry ? length : Options.MaxExpiry;
    }

    private void ChangeState(CircuitState state)
    {
        State = state;
        Episode++;
    }
}

/// <summary>A permit of the reference model: a closed-circuit permit remembers its episode, a probe its id.</summary>
internal sealed record ReferencePermit(ReferenceCircuit Circuit, bool IsProbe, int Episode, long ProbeId, long? StartedAt);
