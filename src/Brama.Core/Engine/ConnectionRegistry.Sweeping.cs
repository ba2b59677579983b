namespace Brama;

/// <summary>The sweep: expiries, stuck probes and idle connections, on the timer and on demand.</summary>
public sealed partial class ConnectionRegistry
{
    /// <summary>
    /// Runs one sweep now, as the timer does every <see cref="BramaOptions.CleanupInterval"/>: moves open
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

    void ISweepTarget.Sweep() => RunCleanup();
}
