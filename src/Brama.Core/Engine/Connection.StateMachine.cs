using System.Globalization;

namespace Brama;

/// <summary>
/// The state machine of design §2.3. Every transition runs under <see cref="Gate"/> and publishes its signals there;
/// when a closed circuit opens is the <see cref="TripRule"/>'s decision.
/// </summary>
public sealed partial class Connection
{
    /// <summary>Any state → Open by hand: a given or per-strategy break; a new break when already open.</summary>
    internal void Open(string? reason, TimeSpan? expiry)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            BeginManualLocked(now, reason);
            OpenLocked(now, reason, isManual: true, expiry);
        }
    }

    /// <summary>Any state → Closed by hand, keeping the openings (progressive backoff remembers).</summary>
    internal void Close(string? reason)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            BeginManualLocked(now, reason);
            CloseLocked(reason, isManual: true);
        }
    }

    /// <summary>Any state → Closed with openings 0.</summary>
    internal void Reset(string? reason)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            BeginManualLocked(now, reason);
            ResetLocked(reason);
        }
    }

    /// <summary>Applies a due expiry (open → half-open) or probe timeout (half-open → open), lock-free when none is due.</summary>
    private CircuitState ApplyDueTransitions(long now)
    {
        var state = StateOf(Volatile.Read(ref _word));
        if (!IsDue(state, now))
        {
            return state;
        }

        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            return CurrentState;
        }
    }

    private bool IsDue(CircuitState state, long now) => state switch
    {
        CircuitState.Open => now >= Volatile.Read(ref _expiresAt),
        CircuitState.HalfOpen => now >= Volatile.Read(ref _probes.EarliestDeadline),
        _ => false,
    };

    private void ApplyDueTransitionsLocked(long now)
    {
        switch (CurrentState)
        {
            case CircuitState.Open when now >= _expiresAt && !HoldProbeLocked(now):
                SetStateLocked(CircuitState.HalfOpen);
                _probeSuccesses = 0;
                Signal(EngineSignal.Expired, CircuitState.Open, CircuitState.HalfOpen);
                Signal(EngineSignal.HalfOpened, CircuitState.Open, CircuitState.HalfOpen);
                break;

            case CircuitState.HalfOpen when now >= _probes.EarliestDeadline:
                // The stuck probe's own completion, if it ever comes, finds its slot cleared and changes nothing.
                var timeout = _options.ProbeTimeout;
                _lastReason = string.Create(
                    CultureInfo.InvariantCulture, $"A probe was not completed within {timeout.TotalSeconds:0.###} s.");
                OpenLocked(now, _lastReason, isManual: false, duration: null);
                break;
        }
    }

    private enum Effect
    {
        None,
        Closes,
        Opens,
    }

    /// <summary>
    /// A success of the current episode: closed, the trip rule counts it (a slow one may trip a rate rule); half-open, a
    /// successful probe, or a failed one when slow.
    /// </summary>
    private Effect CountSuccessLocked(CircuitState state, bool slow, long now, out Trip trip)
    {
        if (state == CircuitState.Closed)
        {
            return Rule.RecordSuccess(ref _failureCount, slow, now, out trip) ? Effect.Opens : Effect.None;
        }

        if (slow)
        {
            trip = new Trip(Rule: null, string.Create(
                CultureInfo.InvariantCulture, $"A probe took longer than {_options.SlowCallDuration!.Value.TotalSeconds:0.###} s."));
            return Effect.Opens;
        }

        trip = default;
        return ++_probeSuccesses >= _options.SuccessesToClose ? Effect.Closes : Effect.None;
    }

    /// <summary>A failure of the current episode: closed, the trip rule decides; half-open, one failed probe reopens. True when the circuit now opens.</summary>
    private bool CountFailureLocked(CircuitState state, bool slow, long now, string? reason, out Trip trip)
    {
        if (state == CircuitState.HalfOpen)
        {
            trip = new Trip(Rule: null, reason);
            return true;
        }

        return Rule.RecordFailure(ref _failureCount, _options, slow, now, reason, out trip);
    }

    /// <summary>Closed or half-open → Open by itself; a rate rule's account becomes the last reason.</summary>
    private void OpenAfterTripLocked(long now, in Trip trip)
    {
        if (trip.Rule is not CircuitTrip.ConsecutiveFailures && trip.Reason is not null)
        {
            _lastReason = trip.Reason;
        }

        OpenLocked(now, trip.Reason, isManual: false, duration: null, trip);
    }

    /// <summary>Any state → Open: openings += 1, a new open period (given, or per the expiry strategy).</summary>
    private void OpenLocked(long now, string? reason, bool isManual, TimeSpan? duration, in Trip trip = default)
    {
        var previous = CurrentState;
        _openings = _openings == int.MaxValue ? int.MaxValue : _openings + 1;
        _openDuration = duration ?? _options.GetOpenDuration(_openings);
        _openedAtTicks = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _expiresAt, AddSaturating(now, _openDuration));
        _probes.Clear();
        _probeSuccesses = 0;
        Rule.OnOpened();
        SetStateLocked(CircuitState.Open);
        SignalOpened(previous, reason, _openDuration, isManual, in trip);
    }

    /// <summary>
    /// Any state → Closed with failure count 0. A closing probe also clears the openings (progressive backoff starts
    /// again); a manual Close keeps them. Publishes only when the state changed.
    /// </summary>
    private void CloseLocked(string? reason, bool isManual)
    {
        var previous = CurrentState;
        Rule.OnClosed(ref _failureCount);
        if (!isManual)
        {
            _openings = 0;
        }

        if (previous != CircuitState.Closed)
        {
            _probes.Clear();
            SetStateLocked(CircuitState.Closed);
            Signal(EngineSignal.Closed, previous, CircuitState.Closed, reason, isManual: isManual);
        }
    }

    /// <summary>Any state → Closed, failure count 0, openings 0. Always publishes <see cref="EngineSignal.Reset"/>.</summary>
    private void ResetLocked(string? reason)
    {
        var previous = CurrentState;
        Rule.OnClosed(ref _failureCount);
        _openings = 0;
        if (previous != CircuitState.Closed)
        {
            _probes.Clear();
            SetStateLocked(CircuitState.Closed);
        }

        Signal(EngineSignal.Reset, previous, CircuitState.Closed, reason, isManual: true);
    }

    /// <summary>A manual operation is activity, and first lets a due expiry happen, so events follow the real order.</summary>
    private void BeginManualLocked(long now, string? reason)
    {
        MarkActive();
        ApplyDueTransitionsLocked(now);
        if (reason is not null)
        {
            _lastReason = reason;
        }
    }

    private void SetStateLocked(CircuitState state)
    {
        Volatile.Write(ref _word, ((_word & ~StateMask) + EpisodeIncrement) | (long)state);
        if ((_marks & FleetHoldMark) != 0)
        {
            Interlocked.And(ref _marks, ~FleetHoldMark);
        }

        if (_extras?.FleetOrigin is not null)
        {
            SetFleetOriginLocked(null); // a fleet opening sets its origin again once the state is set
        }
    }

    private long AddSaturating(long timestamp, TimeSpan duration)
    {
        var delta = (long)((Int128)duration.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
        return timestamp > long.MaxValue - delta ? long.MaxValue : timestamp + delta;
    }
}
