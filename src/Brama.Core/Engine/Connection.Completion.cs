using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>Completion: the results of permits and of reports made without one, recorded and applied to the circuit.</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Reports a success outside a permit. Closed: resets the failure count. Half-open: counts as a successful probe
    /// (a report carries no admission, so it applies to the current state). Open: recorded only.
    /// </summary>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportSuccess()
    {
        MarkActive();
        if (!TryCompleteQuietly(Volatile.Read(ref _word), OutcomeKind.Success))
        {
            Report(Outcome.Success);
        }

        return IsRegistered;
    }

    /// <summary>
    /// Reports a failure outside a permit. Closed: counts towards <see cref="ConnectionOptions.MaxAttempts"/>. Half-open:
    /// a failed probe, the circuit reopens. Open: recorded only; the break is not extended.
    /// </summary>
    /// <param name="reason">Why the call failed; carried into the status and events.</param>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportFailure(string? reason = null)
    {
        MarkActive();
        Report(Outcome.Failure(reason));
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

    internal void CompleteProbe(long probeId, int slot, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            // A probe that completes after its deadline has timed out, even if no touch noticed it yet.
            ApplyDueTransitionsLocked(now);
            ApplyLocked(now, outcome, inCurrentEpisode: _probes.TryRelease(slot, probeId));
        }
    }

    /// <summary>
    /// The lock-free completions of a closed-circuit call: Ignore, and a success of the current episode that changes
    /// nothing (failure count already 0, LastSuccessAt stamped in this cleanup interval). They only publish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCompleteQuietly(long stateWordAtAdmission, OutcomeKind kind)
    {
        if (kind == OutcomeKind.Success)
        {
            if (Volatile.Read(ref _word) != stateWordAtAdmission || StateOf(stateWordAtAdmission) != CircuitState.Closed ||
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

    private void CompleteClosedCallLocked(long stateWordAtAdmission, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            ApplyLocked(now, outcome, inCurrentEpisode: stateWordAtAdmission == _word);
        }
    }

    /// <summary>A report outside a permit: it has no admission, so it counts in the current state unless that is open.</summary>
    private void Report(Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            ApplyLocked(now, outcome, inCurrentEpisode: CurrentState != CircuitState.Open);
        }
    }

    /// <summary>
    /// Records a result and, when it belongs to the current episode, counts it in the state machine; publishes it (with
    /// the counts after it) before the transition it causes. A result of an earlier episode (late, stale, duplicated)
    /// is recorded and published only.
    /// </summary>
    private void ApplyLocked(long now, Outcome outcome, bool inCurrentEpisode)
    {
        var state = CurrentState;
        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                Volatile.Write(ref _lastSuccessTicks, _time.GetUtcNow().UtcTicks);
                Interlocked.Or(ref _marks, SuccessMark);
                var closes = inCurrentEpisode && CountSuccessLocked(state);
                Signal(EngineSignal.Succeeded, state, state);
                if (closes)
                {
                    CloseLocked(reason: null, isManual: false);
                }

                break;

            case OutcomeKind.Failure:
                _lastFailureTicks = _time.GetUtcNow().UtcTicks;
                _lastReason = outcome.Reason ?? _lastReason;
                var openingReason = outcome.Reason;
                var opens = inCurrentEpisode && CountFailureLocked(state, ref openingReason);
                Signal(EngineSignal.Failed, state, state, outcome.Reason);
                if (opens)
                {
                    OpenLocked(now, openingReason, isManual: false, duration: null);
                }

                break;

            default:
                Signal(EngineSignal.Ignored, state, state);
                break;
        }
    }
}
