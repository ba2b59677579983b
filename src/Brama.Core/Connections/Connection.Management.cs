namespace Brama;

/// <summary>Manual operations, in-place configuration, lifecycle and the status manager's per-connection sweep.</summary>
public sealed partial class Connection
{
    internal void Open(string? reason, TimeSpan? expiry)
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            BeginManualLocked(now, reason);
            OpenLocked(now, reason, isManual: true, expiry);
        }
    }

    internal void Close(string? reason)
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            BeginManualLocked(now, reason);
            CloseLocked(reason, isManual: true);
        }
    }

    internal void Reset(string? reason)
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            BeginManualLocked(now, reason);
            ResetLocked(reason);
        }
    }

    /// <summary>
    /// Replaces the options in place. State, failure count, openings, probes in flight and the current open period
    /// are kept; the new values apply from the next event that reads them.
    /// </summary>
    internal void Reconfigure(ConnectionOptions options)
    {
        MarkActive();
        lock (_probes)
        {
            _probes.Reserve(options.HalfOpenMaxCalls);
            _options = options;
        }
    }

    /// <summary>
    /// Makes this new connection visible in the registry's map. Its lock is held meanwhile, so that the Registered
    /// signal precedes any transition of the connection.
    /// </summary>
    internal bool TryAddTo(ConnectionTable connections)
    {
        lock (_probes)
        {
            if (!connections.TryAdd(this))
            {
                return false;
            }

            Signal(EngineSignal.Registered, CircuitState.Closed, CircuitState.Closed);
            return true;
        }
    }

    /// <summary>Marks the handle detached after the registry removed it, publishing the signal while still registered.</summary>
    internal void Detach(EngineSignal signal)
    {
        lock (_probes)
        {
            DetachLocked(signal);
        }
    }

    /// <summary>
    /// One status-manager pass: applies a due expiry or probe timeout, restarts the once-per-interval stamps, and
    /// removes the connection when it has been idle longer than <see cref="ConnectionOptions.InactivityTimeout"/>.
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
        lock (_probes)
        {
            RefreshLocked(now);
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
        }
    }

    /// <summary>A manual operation is activity, and first lets a due expiry happen, so events follow the real order.</summary>
    private void BeginManualLocked(long now, string? reason)
    {
        MarkActive();
        RefreshLocked(now);
        if (reason is not null)
        {
            _lastReason = reason;
        }
    }
}
