namespace Brama;

/// <summary>
/// Drives the periodic sweep of a registry from a <see cref="TimeProvider"/> timer, every cleanup interval.
/// </summary>
/// <remarks>
/// The timer holds its target weakly, so a registry that is dropped without being disposed can still be collected (the
/// next tick then stops the timer). The timer does not capture the creating thread's execution context, so ambient
/// state (an <see cref="System.Diagnostics.Activity"/>, async-locals) of whoever first touched the registry does not
/// live on in it. A tick that arrives while the previous sweep still runs is skipped.
/// </remarks>
internal sealed class SweepTimer : IDisposable
{
    private readonly object _gate = new();
    private readonly WeakReference<ISweepTarget> _target;
    private readonly ITimer _timer;
    private bool _disposed;
    private int _sweeping;

    public SweepTimer(TimeProvider timeProvider, ISweepTarget target, TimeSpan interval)
    {
        _target = new WeakReference<ISweepTarget>(target);
        Interval = interval;
        AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            _timer = timeProvider.CreateTimer(static state => ((SweepTimer)state!).OnTick(), this, interval, interval);
        }
        finally
        {
            suppressed?.Undo();
        }
    }

    /// <summary>The current sweep period.</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>Changes the period; the next sweep comes one new interval from now. No-op once disposed.</summary>
    public void ChangeInterval(TimeSpan interval)
    {
        lock (_gate)
        {
            Interval = interval;
            if (!_disposed)
            {
                _timer.Change(interval, interval);
            }
        }
    }

    /// <summary>Stops the timer. Idempotent.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }
    }

    private void OnTick()
    {
        if (!_target.TryGetTarget(out var target))
        {
            Dispose();
            return;
        }

        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            target.Sweep();
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
