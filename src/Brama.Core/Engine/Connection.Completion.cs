using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>Completion: the results of permits and of reports made without one, recorded and applied to the circuit.</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Reports a success outside a permit. Closed: resets the failure count (and counts in a rate rule's window).
    /// Half-open: counts as a successful probe (a report carries no admission, so it applies to the current state).
    /// Open: recorded only.
    /// </summary>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportSuccess()
    {
        MarkActive();
        if (!TryCompleteQuietly(Volatile.Read(ref _word), OutcomeKind.Success))
        {
            Report(Outcome.Success, duration: null);
        }

        return IsRegistered;
    }

    /// <summary>
    /// Reports a success outside a permit, with the call's duration: with <see cref="ConnectionOptions.SlowCallDuration"/>
    /// set, a longer call is slow (see <see cref="ReportSuccess()"/> for the rest).
    /// </summary>
    /// <param name="duration">How long the call took; not negative.</param>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportSuccess(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        MarkActive();
        if (!TryCompleteQuietly(Volatile.Read(ref _word), OutcomeKind.Success))
        {
            Report(Outcome.Success, duration);
        }

        return IsRegistered;
    }

    /// <summary>
    /// Reports a failure outside a permit. Closed: counts towards <see cref="ConnectionOptions.MaxAttempts"/> (and in a
    /// rate rule's window). Half-open: a failed probe, the circuit reopens. Open: recorded only; the break is not extended.
    /// </summary>
    /// <param name="reason">Why the call failed; carried into the status and events.</param>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportFailure(string? reason = null)
    {
        MarkActive();
        Report(Outcome.Failure(reason), duration: null);
        return IsRegistered;
    }

    /// <summary>
    /// Reports a failure outside a permit, with the call's duration: with <see cref="ConnectionOptions.SlowCallDuration"/>
    /// set, a longer call is also slow (see <see cref="ReportFailure(string?)"/> for the rest).
    /// </summary>
    /// <param name="duration">How long the call took; not negative.</param>
    /// <param name="reason">Why the call failed; carried into the status and events.</param>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportFailure(TimeSpan duration, string? reason = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        MarkActive();
        Report(Outcome.Failure(reason), duration);
        return IsRegistered;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CompleteClosedCall(long stateWordAtAdmission, Outcome outcome)
    {
        if (!TryCompleteQuietly(stateWordAtAdmission, outcome.Kind))
        {
            CompleteClosedCallLocked(stateWordAtAdmission, outcome);
        }
    }

    /// <summary>A closed-circuit call of a connection with a rate rule, not timed: quiet successes go to the window without the lock.</summary>
    // Out of line: its own inlining budget takes in the window's record and the signal.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void CompleteRatedClosedCall(long stateWordAtAdmission, Outcome outcome)
    {
        // The word unchanged since admission means the same closed episode.
        if (outcome.Kind == OutcomeKind.Success && IsQuietSuccess(Volatile.Read(ref _word) == stateWordAtAdmission) &&
            Volatile.Read(ref _extras) is { RateRule: { } rule } extras)
        {
            if (extras.TimeWindow is { } window)
            {
                window.RecordCall();
            }
            else
            {
                rule.RecordQuietSuccess();
            }

            Signal(EngineSignal.Succeeded, CircuitState.Closed, CircuitState.Closed);
        }
        else if (outcome.Kind == OutcomeKind.Ignore)
        {
            TryCompleteQuietly(stateWordAtAdmission, OutcomeKind.Ignore);
        }
        else
        {
            CompleteClosedCallLocked(stateWordAtAdmission, outcome);
        }
    }

    /// <summary>A closed-circuit call the slow-call rule timed: its second clock read, then as any rated call.</summary>
    internal void CompleteTimedClosedCall(int stateWordLowBits, long startedAt, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        var rule = Volatile.Read(ref _extras)?.RateRule;
        var slow = rule is not null && rule.IsSlow(startedAt, now);
        if (outcome.Kind == OutcomeKind.Ignore)
        {
            TryCompleteQuietly(Volatile.Read(ref _word), OutcomeKind.Ignore);
        }
        else if (outcome.Kind != OutcomeKind.Success || slow || rule is null || !IsQuietSuccess(SameEpisode(Volatile.Read(ref _word), stateWordLowBits)))
        {
            lock (Gate)
            {
                ApplyDueTransitionsLocked(now);
                ApplyLocked(now, outcome, inCurrentEpisode: SameEpisode(_word, stateWordLowBits), slow);
            }
        }
        else
        {
            rule.RecordQuietSuccess(now);
            Signal(EngineSignal.Succeeded, CircuitState.Closed, CircuitState.Closed);
        }
    }

    internal void CompleteProbe(int probeId, int slot, long? startedAt, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            // A probe that completes after its deadline has timed out, even if no touch noticed it yet.
            ApplyDueTransitionsLocked(now);
            var slow = startedAt is { } start && _extras?.RateRule is { } rule && rule.IsSlow(start, now);
            ApplyLocked(now, outcome, inCurrentEpisode: _probes.TryRelease(slot, probeId), slow);
        }
    }

    /// <summary>
    /// The lock-free completions of a plain closed-circuit call: Ignore, and a success of the current episode that
    /// changes nothing (failure count already 0, LastSuccessAt stamped in this cleanup interval). They only publish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCompleteQuietly(long stateWordAtAdmission, OutcomeKind kind)
    {
        if (kind == OutcomeKind.Success)
        {
            if (Volatile.Read(ref _word) != stateWordAtAdmission || (stateWordAtAdmission & (StateMask | RuleBits)) != 0 ||
                _failureCount != 0 || (_marks & SuccessMark) == 0)
            {
                return false;
            }

            Signal(EngineSignal.Succeeded, CircuitState.Closed, CircuitState.Closed);
            return true;
        }

        if (kind == OutcomeKind.Ignore)
        {
            var state = StateOf(Volatile.Read(ref _word));
            Signal(EngineSignal.Ignored, state, state);
            return true;
        }

        return false;
    }

    /// <summary>A success of the current closed episode that changes nothing in the state machine, as on the plain quiet path.</summary>
    private bool IsQuietSuccess(bool inCurrentEpisode) =>
        inCurrentEpisode && StateOf(Volatile.Read(ref _word)) == CircuitState.Closed && _failureCount == 0 && (_marks & SuccessMark) != 0;

    private void CompleteClosedCallLocked(long stateWordAtAdmission, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            ApplyLocked(now, outcome, inCurrentEpisode: SameEpisode(stateWordAtAdmission, _word), slow: false);
        }
    }

    /// <summary>A report outside a permit: it has no admission, so it counts in the current state unless that is open.</summary>
    private void Report(Outcome outcome, TimeSpan? duration)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            var slow = _extras?.RateRule is { } rule && rule.IsSlow(duration);
            ApplyLocked(now, outcome, inCurrentEpisode: CurrentState != CircuitState.Open, slow);
        }
    }

    /// <summary>
    /// Records a result and, when it belongs to the current episode, counts it in the state machine; publishes it (with
    /// the counts after it) before the transition it causes. A result of an earlier episode (late, stale, duplicated)
    /// is recorded and published only.
    /// </summary>
    private void ApplyLocked(long now, Outcome outcome, bool inCurrentEpisode, bool slow)
    {
        var state = CurrentState;
        Trip trip = default;
        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                Volatile.Write(ref _lastSuccessTicks, _time.GetUtcNow().UtcTicks);
                Interlocked.Or(ref _marks, SuccessMark);
                var effect = inCurrentEpisode ? CountSuccessLocked(state, slow, now, out trip) : Effect.None;
                Signal(EngineSignal.Succeeded, state, state);
                if (effect == Effect.Closes)
                {
                    CloseLocked(reason: null, isManual: false);
                }
                else if (effect == Effect.Opens)
                {
                    OpenAfterTripLocked(now, trip);
                }

                break;

            case OutcomeKind.Failure:
                _lastFailureTicks = _time.GetUtcNow().UtcTicks;
                _lastReason = outcome.Reason ?? _lastReason;
                var opens = inCurrentEpisode && CountFailureLocked(state, slow, now, outcome.Reason, out trip);
                Signal(EngineSignal.Failed, state, state, outcome.Reason);
                if (opens)
                {
                    OpenAfterTripLocked(now, trip);
                }

                break;

            default:
                Signal(EngineSignal.Ignored, state, state);
                break;
        }
    }
}
