using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// The right to make one call through a connection, granted by <see cref="Connection.TryAcquire"/>. Complete it exactly
/// once with the call's <see cref="Outcome"/>; completing the same permit variable again is a no-op.
/// </summary>
/// <remarks>
/// A permit remembers which circuit episode admitted it. A result that arrives after the circuit has moved on (a call
/// admitted before the circuit opened, a probe of an earlier half-open episode, a probe that already timed out, or a
/// copy of a permit that was completed) is still reported as a success or failure, but it changes no state.
/// </remarks>
public struct CallPermit
{
    private Connection? _connection;

    // A closed-circuit permit: the connection's state word (episode and state) when it was granted.
    // A probe permit: the probe's unique id.
    private readonly long _ticket;

    // A probe permit: its slot index + 1. 0 for a closed-circuit permit.
    private readonly int _probeSlot;

    internal CallPermit(Connection connection, long ticket, int probeSlot)
    {
        _connection = connection;
        _ticket = ticket;
        _probeSlot = probeSlot;
    }

    /// <summary>Whether this permit was granted and not yet completed.</summary>
    public readonly bool IsActive => _connection is not null;

    /// <summary>Whether this permit is a half-open probe.</summary>
    public readonly bool IsProbe => _probeSlot != 0;

    /// <summary>Reports the call's outcome to the connection. Only the first call on this permit counts.</summary>
    /// <param name="outcome">How the call counts: success, failure (with its reason) or ignore.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Complete(Outcome outcome)
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        _connection = null;
        connection.CompletePermit(_ticket, _probeSlot, outcome);
    }
}
