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
    // In _kind beside a probe's slot: the permit is a closed-circuit call of a connection with a rate rule, and the
    // slow-call rule timed it from _admission.
    private const int RatedCall = 1 << 29;
    private const int Timed = 1 << 30;
    private const int SlotBits = RatedCall - 1;

    private Connection? _connection;

    // What admitted the call: a plain closed-circuit permit holds the connection's state word (episode and state) at
    // admission; a timed permit the registry clock's timestamp at admission, its identity in _identity.
    private readonly long _admission;

    // 0 for a plain closed-circuit permit, the one the quiet path completes inline. A probe: its slot index + 1.
    // RatedCall and Timed as above.
    private readonly int _kind;

    // A timed closed-circuit permit: the low 32 bits of the state word at admission. A probe: its id.
    private readonly int _identity;

    private CallPermit(Connection connection, long admission, int kind, int identity)
    {
        _connection = connection;
        _admission = admission;
        _kind = kind;
        _identity = identity;
    }

    /// <summary>Whether this permit was granted and not yet completed.</summary>
    public readonly bool IsActive => _connection is not null;

    /// <summary>Whether this permit is a half-open probe.</summary>
    public readonly bool IsProbe => (_kind & SlotBits) != 0;

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
        else if (_kind == RatedCall)
        {
            connection.CompleteRatedClosedCall(stateWordAtAdmission: _admission, outcome);
        }
        else
        {
            CompleteOther(connection, outcome);
        }
    }

    /// <summary>A permit for a call admitted while closed, in the episode of <paramref name="stateWord"/>.</summary>
    internal static CallPermit Closed(Connection connection, long stateWord) => new(connection, stateWord, 0, 0);

    /// <summary>A closed-circuit permit of a connection with a rate rule that does not time calls.</summary>
    internal static CallPermit RatedClosed(Connection connection, long stateWord) => new(connection, stateWord, RatedCall, 0);

    /// <summary>A closed-circuit permit the slow-call rule times from <paramref name="startedAt"/>.</summary>
    internal static CallPermit TimedClosed(Connection connection, long stateWord, long startedAt) =>
        new(connection, startedAt, RatedCall | Timed, (int)stateWord);

    /// <summary>A permit for the probe <paramref name="probeId"/> in slot <paramref name="slot"/>, timed when <paramref name="startedAt"/> is given.</summary>
    internal static CallPermit Probe(Connection connection, int probeId, int slot, long? startedAt) =>
        new(connection, startedAt ?? 0, (slot + 1) | (startedAt is null ? 0 : Timed), probeId);

    private readonly void CompleteOther(Connection connection, Outcome outcome)
    {
        if ((_kind & RatedCall) == 0)
        {
            long? startedAt = (_kind & Timed) != 0 ? _admission : null;
            connection.CompleteProbe(probeId: _identity, slot: (_kind & SlotBits) - 1, startedAt, outcome);
        }
        else
        {
            connection.CompleteTimedClosedCall(stateWordLowBits: _identity, _admission, outcome);
        }
    }
}
