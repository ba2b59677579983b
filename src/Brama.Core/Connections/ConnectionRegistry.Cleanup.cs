namespace Brama;

/// <summary>The registry side of the status manager: registry-wide options, the sweep, and disposal.</summary>
public sealed partial class ConnectionRegistry
{
    /// <summary>
    /// Replaces the registry-wide options. <see cref="BramaOptions.Defaults"/> apply to connections registered from now
    /// on (existing ones keep theirs); a new <see cref="BramaOptions.CleanupInterval"/> restarts the sweep timer with
    /// that period (not after <see cref="Dispose"/>).
    /// </summary>
    /// <param name="options">The new options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public void Configure(BramaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (_configureGate)
        {
            // Under one lock, so that concurrent calls leave the options and the sweep period of the same call.
            _options = options;
            if (options.CleanupInterval != _statusManager.Interval)
            {
                _statusManager.ChangeInterval(options.CleanupInterval);
            }
        }
    }

    /// <summary>
    /// Runs one status-manager sweep now, as the timer does every <see cref="BramaOptions.CleanupInterval"/>: moves open
    /// circuits whose expiry has passed to half-open, fails probes past their
    /// <see cref="ConnectionOptions.ProbeTimeout"/>, and removes connections idle longer than their
    /// <see cref="ConnectionOptions.InactivityTimeout"/> (registration, acquiring, reporting and manual operations are
    /// activity; status reads are not; an open circuit is never removed while its break runs).
    /// </summary>
    public void RunCleanup()
    {
        var now = TimeProvider.GetTimestamp();
        foreach (var connection in _connections)
        {
            connection.Sweep(now);
        }
    }

    /// <summary>
    /// Stops the status manager's timer and event delivery (handler subscriptions stop, streams end after their queued
    /// events; metrics still count). Idempotent. Connections keep answering: calls are still admitted and counted,
    /// expiries still happen when a connection is touched, and <see cref="RunCleanup"/> still works.
    /// </summary>
    public void Dispose()
    {
        _statusManager.Dispose();
        Observer.Dispose();
    }

    void ISweepTarget.Sweep() => RunCleanup();
}
