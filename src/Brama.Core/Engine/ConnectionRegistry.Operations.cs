using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>Operations on one connection by key: availability, status, reports, manual control.</summary>
public sealed partial class ConnectionRegistry
{
    /// <summary>Whether the connection would admit a call now; false for unknown connections.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool IsAvailable(string identifier, string? scope = null) =>
        TryGet(identifier, scope, out var connection) && connection.IsAvailable;

    /// <summary>A snapshot of the connection; false for unknown connections.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="status">The snapshot, when the connection is registered.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool TryGetStatus(string identifier, string? scope, [NotNullWhen(true)] out ConnectionStatus? status)
    {
        status = TryGet(identifier, scope, out var connection) ? connection.GetStatus() : null;
        return status is not null;
    }

    /// <summary>Reports a success (see <see cref="Connection.ReportSuccess()"/>); false for unknown connections.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool ReportSuccess(string identifier, string? scope = null)
    {
        if (!TryGet(identifier, scope, out var connection))
        {
            return false;
        }

        connection.ReportSuccess();
        return true;
    }

    /// <summary>Reports a failure (see <see cref="Connection.ReportFailure(string?)"/>); false for unknown connections.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="reason">Why the call failed; free text, carried into the status and events.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool ReportFailure(string identifier, string? scope = null, string? reason = null)
    {
        if (!TryGet(identifier, scope, out var connection))
        {
            return false;
        }

        connection.ReportFailure(reason);
        return true;
    }

    /// <summary>
    /// Opens the circuit manually, from any state, for <paramref name="expiry"/> or per the expiry strategy when null.
    /// Consecutive openings += 1; probes in flight become stale; events are marked manual. Opening an open circuit
    /// starts a new open period.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="reason">Why; free text, carried into the status and events.</param>
    /// <param name="expiry">How long to stay open: greater than zero and at most <see cref="ConnectionOptions.MaxTime"/>.</param>
    /// <returns>False for unknown connections.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing changed.</exception>
    public bool Open(string identifier, string? scope = null, string? reason = null, TimeSpan? expiry = null)
    {
        var key = ConnectionKey.Create(identifier, scope);
        if (expiry is { } time && (time <= TimeSpan.Zero || time > ConnectionOptions.MaxTime))
        {
            throw new ArgumentOutOfRangeException(
                nameof(expiry), time, $"Must be greater than zero and at most {ConnectionOptions.MaxTime.TotalDays} days.");
        }

        if (!_connections.TryGetValue(key, out var connection))
        {
            return false;
        }

        connection.Open(reason, expiry);
        return true;
    }

    /// <summary>
    /// Closes the circuit manually: closed, failure count 0, consecutive openings kept (progressive backoff remembers
    /// them). Publishes a manual close only when the state changed.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="reason">Why; free text, carried into the status and events.</param>
    /// <returns>False for unknown connections.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool Close(string identifier, string? scope = null, string? reason = null)
    {
        if (!TryGet(identifier, scope, out var connection))
        {
            return false;
        }

        connection.Close(reason);
        return true;
    }

    /// <summary>
    /// Resets the circuit: closed, failure count 0, consecutive openings 0. Always publishes a reset (and a state change
    /// when the state changed), never a close.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="reason">Why; free text, carried into the status and events.</param>
    /// <returns>False for unknown connections.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool Reset(string identifier, string? scope = null, string? reason = null)
    {
        if (!TryGet(identifier, scope, out var connection))
        {
            return false;
        }

        connection.Reset(reason);
        return true;
    }
}
