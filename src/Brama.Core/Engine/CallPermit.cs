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
    // In _kind beside the slot: the slow-call rule timed the call from _startedAt.
    private const int Timed = 1 << 30;

    private Connection? _connection;

    // What admitted the call: a closed-circuit permit holds the connection's state word (episode and state) at
    // admission, a probe permit its probe's unique id; _kind says which.
    private readonly long _admission;

    // The registry clock's timestamp at admission, when Timed.
    private readonly long _startedAt;

    // A probe permit: its slot index + 1; 0 for a closed-circuit permit; plus Timed. 0 is the untimed closed permit,
    // the one the quiet path completes inline.
    private readonly int _kind;

    private CallPermit(Connection connection, long admission, int kind, long startedAt)
    {
        _connection = connection;
        _admission = admission;
        _kind = kind;
        _startedAt = startedAt;
    }

    /// <summary>Whether this permit was granted and not yet completed.</summary>
    public readonly bool IsActive => _connection is not null;

    /// <summary>Whether this permit is a half-open probe.</summary>
    public readonly bool IsProbe => (_kind & ~Timed) != 0;

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
        if (_kind == 0)
        {
            connection.CompleteClosedCall(stateWordAtAdmission: _admission, outcome);
        }
        else
        {
            CompleteTimedOrProbe(connection, outcome);
        }
    }

    /// <summary>A permit for a call admitted while closed, in the episode of <paramref name="stateWord"/>.</summary>
    internal static CallPermit Closed(Connection connection, long stateWord) => new(connection, stateWord, 0, 0);

    /// <summary>A closed-circuit permit timed from <paramref name="startedAt"/> (the slow-call rule is on).</summary>
    internal static CallPermit TimedClosed(Connection connection, long stateWord, long startedAt) =>
        new(connection, stateWord, Timed, startedAt);

    /// <summary>A permit for the probe <paramref name="probeId"/> in slot <paramref name="slot"/>, timed when <paramref name="startedAt"/> is given.</summary>
    internal static CallPermit Probe(Connection connection, long probeId, int slot, long? startedAt) =>
        new(connection, probeId, (slot + 1) | (startedAt is null ? 0 : Timed), startedAt ?? 0);

    private readonly void CompleteTimedOrProbe(Connection connection, Outcome outcome)
    {
        long? startedAt = (_kind & Timed) != 0 ? _startedAt : null;
        var slot = (_kind & ~Timed) - 1;
        if (slot < 0)
        {
            connection.CompleteTimedClosedCall(_admission, _startedAt, outcome);
        }
        else
        {
            connection.CompleteProbe(probeId: _admission, slot, startedAt, outcome);
        }
    }
}
