namespace Brama;

/// <summary>Options: the registry's own, and one connection's in place.</summary>
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
            if (options.CleanupInterval != _sweepTimer.Interval)
            {
                _sweepTimer.ChangeInterval(options.CleanupInterval);
            }
        }
    }

    /// <summary>
    /// Replaces one connection's options in place: its state, failure count, consecutive openings, probes in flight and
    /// current open period are kept. New values apply from the next event that reads them: a lower
    /// <see cref="ConnectionOptions.MaxAttempts"/> from the next failure, a new expiry from the next opening, a new
    /// <see cref="ConnectionOptions.ProbeTimeout"/> to probes granted from now on, a lower
    /// <see cref="ConnectionOptions.HalfOpenMaxCalls"/> to the next admission (probes in flight are not cancelled).
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">The new options.</param>
    /// <returns>False for unknown connections.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing changed.</exception>
    public bool Configure(string identifier, string? scope, ConnectionOptions options)
    {
        var key = ConnectionKey.Create(identifier, scope);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        if (!_connections.TryGetValue(key, out var connection))
        {
            return false;
        }

        connection.Reconfigure(options);
        return true;
    }
}
