namespace Brama;

/// <summary>The slow paths of calls: admission while open or half-open, and results that change or record state.</summary>
public sealed partial class Connection
{
    private bool TryAcquireSlow(out CallPermit permit)
    {
        MarkActive();
        if (StateOf(Volatile.Read(ref _word)) == CircuitState.Open
            && !IsWanted(EngineSignal.Rejected)
            && CoarseClock.IsCertainlyBefore(_time, Volatile.Read(ref _expiresAt)))
        {
            // Rejected on the coarse clock: the break is far from over and no one wants the rejection's RetryAfter.
            permit = default;
            return false;
        }

        var now = _time.GetTimestamp();
        CircuitState state;
        TimeSpan? retryAfter = null;

        var expiresAt = Volatile.Read(ref _expiresAt);
        if (StateOf(Volatile.Read(ref _word)) == CircuitState.Open && now < expiresAt)
        {
            // Rejected without the lock: the common case while a circuit is open.
            state = CircuitState.Open;
            retryAfter = _time.GetElapsedTime(now, expiresAt);
        }
        else
        {
            lock (_probes)
            {
                RefreshLocked(now);
                state = CurrentState;
                if (state == CircuitState.Closed)
                {
                    permit = new CallPermit(this, _word, 0);
                    return true;
                }

                if (state == CircuitState.HalfOpen && _probes.Count < _options.HalfOpenMaxCalls)
                {
                    var id = ++_lastProbeId;
                    var slot = _probes.Add(id, AddSaturating(now, _options.ProbeTimeout));
                    permit = new CallPermit(this, id, slot + 1);
                    return true;
                }

                if (state == CircuitState.Open)
                {
                    retryAfter = RetryAfterLocked(now);
                }
            }
        }

        Signal(EngineSignal.Rejected, state, state, retryAfter: retryAfter);
        permit = default;
        return false;
    }

    private void CompleteSlow(long ticket, int probeSlot, Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            // A probe that completes after its deadline has timed out, even if no touch noticed it yet.
            RefreshLocked(now);
            var counts = probeSlot == 0 ? ticket == _word : _probes.TryRelease(probeSlot - 1, ticket);
            ApplyLocked(now, outcome, counts);
        }
    }

    /// <summary>A report outside a permit: it has no ticket, so it counts in the current state unless that is open.</summary>
    private void Report(Outcome outcome)
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            RefreshLocked(now);
            ApplyLocked(now, outcome, counts: CurrentState != CircuitState.Open);
        }
    }

    /// <summary>
    /// Records and publishes a result, then, when it belongs to the current episode (<paramref name="counts"/>), applies
    /// it to the state machine. A result that does not count (late, stale, duplicated) is recorded and published only.
    /// </summary>
    private void ApplyLocked(long now, Outcome outcome, bool counts)
    {
        var state = CurrentState;
        switch (outcome.Kind)
        {
            case OutcomeKind.Success:
                Volatile.Write(ref _lastSuccessTicks, _time.GetUtcNow().UtcTicks);
                Interlocked.Or(ref _marks, SuccessMark);
                var closes = false;
                if (counts && state == CircuitState.Closed)
                {
                    _failureCount = 0;
                }
                else if (counts)
                {
                    closes = ++_probeSuccesses >= _options.SuccessesToClose;
                }

                Signal(EngineSignal.Succeeded, state, state);
                if (closes)
                {
                    CloseLocked(reason: null, isManual: false);
                }

                break;

            case OutcomeKind.Failure:
                _lastFailureTicks = _time.GetUtcNow().UtcTicks;
                _lastReason = outcome.Reason ?? _lastReason;

                // One failed probe reopens; a lowered MaxAttempts applies from the next failure.
                var opens = counts && (state == CircuitState.HalfOpen || ++_failureCount >= _options.MaxAttempts);
                Signal(EngineSignal.Failed, state, state, outcome.Reason);
                if (opens)
                {
                    OpenLocked(now, outcome.Reason, isManual: false, duration: null);
                }

                break;

            default:
                Signal(EngineSignal.Ignored, state, state);
                break;
        }
    }
}
