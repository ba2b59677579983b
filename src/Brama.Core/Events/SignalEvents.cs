namespace Brama;

/// <summary>
/// The one mapping from engine signals to the events of design §3: which events each signal makes, in order, and so
/// which signals a set of subscribed event types needs.
/// </summary>
internal static class SignalEvents
{
    // Indexed by EngineSignal. A transition also makes StateChange after its own event when the state really changed.
    private static readonly EventType[][] Events =
    [
        /* Registered   */ [EventType.Registration, EventType.ConnectionRegistered],
        /* Unregistered */ [EventType.ConnectionUnregistered],
        /* Removed      */ [EventType.ConnectionRemoved, EventType.Cleanup],
        /* Succeeded    */ [EventType.Success],
        /* Failed       */ [EventType.Failure],
        /* Ignored      */ [],
        /* Rejected     */ [],
        /* Opened       */ [EventType.CircuitOpened],
        /* Closed       */ [EventType.CircuitClosed],
        /* HalfOpened   */ [EventType.CircuitHalfOpened],
        /* Expired      */ [EventType.Expiry],
        /* Reset        */ [EventType.CircuitReset],
        /* ScopeOverflowed */ [],
    ];

    private const int TransitionSignals =
        1 << (int)EngineSignal.Opened | 1 << (int)EngineSignal.Closed | 1 << (int)EngineSignal.HalfOpened | 1 << (int)EngineSignal.Reset;

    /// <summary>The events <paramref name="signal"/> makes, before any <see cref="EventType.StateChange"/>.</summary>
    public static ReadOnlySpan<EventType> Of(EngineSignal signal) => Events[(int)signal];

    /// <summary>Whether <paramref name="signal"/> is a transition, which also makes StateChange when the state changed.</summary>
    public static bool IsTransition(EngineSignal signal) => (TransitionSignals & EngineSignals.Bit(signal)) != 0;

    /// <summary>The signals (bits over <see cref="EngineSignal"/>) that make any event of <paramref name="eventMask"/>.</summary>
    public static int SignalsFor(uint eventMask)
    {
        var signals = (eventMask & EventTypeSet.Bit(EventType.StateChange)) != 0 ? TransitionSignals : 0;
        for (var signal = 0; signal < Events.Length; signal++)
        {
            foreach (var type in Events[signal])
            {
                if ((eventMask & EventTypeSet.Bit(type)) != 0)
                {
                    signals |= 1 << signal;
                }
            }
        }

        return signals;
    }
}
