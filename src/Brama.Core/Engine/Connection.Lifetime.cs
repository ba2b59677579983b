namespace Brama;

/// <summary>Lifetime: registration, options changed in place, the sweep's visit, idle removal and detachment.</summary>
public sealed partial class Connection
{
    /// <summary>
    /// Replaces the options in place. State, failure count, openings, probes in flight and the current open period
    /// are kept; the new values apply from the next event that reads them. Changed rate rules start a new window.
    /// </summary>
    internal void Reconfigure(ConnectionOptions options)
    {
        MarkActive();
        lock (Gate)
        {
            _probes.Reserve(options.HalfOpenMaxCalls);
            _options = options;
            var rule = _extras?.RateRule;
            if (rule is null ? options.HasRateRules : !rule.HasSameRules(options))
            {
                rule?.Release();
                SetRateRuleLocked(RateRule.For(options, _time, Registry.WindowClocks));
            }
        }
    }

    /// <summary>
    /// Makes this new connection visible in the registry's table. Its lock is held meanwhile, so that the Registered
    /// signal precedes any transition of the connection.
    /// </summary>
    internal bool TryAddTo(ConnectionTable connections)
    {
        lock (Gate)
        {
            if (!connections.TryAdd(this))
            {
                return false;
            }

            // Only now: a connection that lost the race to register holds no window clock.
            SetRateRuleLocked(RateRule.For(_options, _time, Registry.WindowClocks));
            Signal(EngineSignal.Registered, CircuitState.Closed, CircuitState.Closed);
            return true;
        }
    }

    /// <summary>Marks the handle detached after the registry removed it, publishing the signal while still registered.</summary>
    internal void Detach(EngineSignal signal)
    {
        lock (Gate)
        {
            DetachLocked(signal);
        }
    }

    /// <summary>
    /// One sweep's visit: applies a due expiry or probe timeout, restarts the once-per-interval stamps, and removes the
    /// connection when it has been idle longer than <see cref="ConnectionOptions.InactivityTimeout"/>.
    /// </summary>
    /// <remarks>
    /// The hot path only sets a flag on activity, so the sweep takes its own time as the time of activity seen since
    /// the previous sweep: idle time is measured to the resolution of the cleanup interval and never overestimated, so a
    /// connection is never removed early. The check runs under the lock, so that two overlapping sweeps (the timer and
    /// <see cref="ConnectionRegistry.RunCleanup"/>) cannot lose an activity flag between them. An open circuit (its
    /// break still running) is never removed.
    /// </remarks>
    internal void Sweep(long now)
    {
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            Interlocked.And(ref _marks, ~SuccessMark);
            if ((Interlocked.And(ref _marks, ~ActivityMark) & ActivityMark) != 0)
            {
                _lastActivity = Math.Max(_lastActivity, now);
            }
            else if (IsRegistered && IsIdle(now) && Registry.RemoveEntry(this))
            {
                DetachLocked(EngineSignal.Removed);
            }
        }
    }

    /// <summary>
    /// Records that a decorator found this connection registered with options other than the ones its attribute
    /// declares (the registered ones apply); false when that very note was recorded before.
    /// </summary>
    internal bool TryNoteOverriddenDeclaration(string note)
    {
        lock (Gate)
        {
            var notes = _extras?.OverriddenDeclarations ?? [];
            if (Array.IndexOf(notes, note) >= 0)
            {
                return false;
            }

            Volatile.Write(ref _extras, ConnectionExtras.Of(_extras?.RateRule, [.. notes, note], _extras?.FleetOrigin));
            return true;
        }
    }

    /// <summary>A call for a new scope value found its identifier at its limit and was sent to this overflow circuit.</summary>
    internal void SignalScopeOverflowed()
    {
        var state = StateOf(Volatile.Read(ref _word));
        Signal(EngineSignal.ScopeOverflowed, state, state);
    }

    private bool IsIdle(long now) =>
        _options.InactivityTimeout is { } timeout &&
        StateOf(Volatile.Read(ref _word)) != CircuitState.Open &&
        _time.GetElapsedTime(_lastActivity, now) > timeout;

    private void DetachLocked(EngineSignal signal)
    {
        if (IsRegistered)
        {
            var state = CurrentState;
            Signal(signal, state, state);
            Interlocked.Or(ref _marks, DetachedMark);

            // The handle keeps its window for calls in flight; the registry's clock no longer keeps time for it.
            _extras?.RateRule?.Release();
            if (IsDynamicScope)
            {
                Registry.DynamicScopes.Released(Identifier);
            }
        }
    }

    /// <summary>Installs the rate rule (or none) and the bit of the state word that sends calls to its path.</summary>
    private void SetRateRuleLocked(RateRule? rule)
    {
        // The extras before the bit, so that a call the bit sends to the rule's path finds the rule.
        Volatile.Write(ref _extras, ConnectionExtras.Of(rule, _extras?.OverriddenDeclarations ?? [], _extras?.FleetOrigin));
        var bits = rule is null ? 0 : rule.MeasuresSlowCalls ? RuleBits : RatedBit;
        Volatile.Write(ref _word, (_word & ~RuleBits) | bits);
    }
}
