namespace Brama;

/// <summary>Facts about <see cref="EventType"/>: bits for masks, which types are guaranteed, which signals produce them.</summary>
internal static class EventTypes
{
    public const int Count = 13;

    public const uint All = (1u << Count) - 1;

    /// <summary>The longest connection identifier or scope (the registry's rule, repeated for filters).</summary>
    public const int MaxNameLength = 256;

    /// <summary>The transition events: delivered at least once, never dropped for a full queue.</summary>
    public const uint Guaranteed =
        1u << (int)EventType.StateChange
        | 1u << (int)EventType.CircuitOpened
        | 1u << (int)EventType.CircuitClosed
        | 1u << (int)EventType.CircuitHalfOpened
        | 1u << (int)EventType.CircuitReset
        | 1u << (int)EventType.Expiry;

    public static bool IsDefined(EventType type) => (uint)type < Count;

    public static uint Bit(EventType type) => 1u << (int)type;

    public static bool IsGuaranteed(EventType type) => (Guaranteed & Bit(type)) != 0;

    /// <summary>The engine signals (as a bitmask over <see cref="EngineSignal"/>) that publish any of <paramref name="eventMask"/>.</summary>
    public static int SignalsFor(uint eventMask)
    {
        var signals = 0;
        for (var type = 0; type < Count; type++)
        {
            if ((eventMask & (1u << type)) != 0)
            {
                signals |= SignalsOf((EventType)type);
            }
        }

        return signals;
    }

    /// <summary>The spec's snake_case name of <paramref name="type"/> (the <c>brama.event.type</c> tag).</summary>
    public static string Name(EventType type) => type switch
    {
        EventType.StateChange => "state_change",
        EventType.Registration => "registration",
        EventType.Failure => "failure",
        EventType.Success => "success",
        EventType.Expiry => "expiry",
        EventType.Cleanup => "cleanup",
        EventType.CircuitOpened => "circuit_opened",
        EventType.CircuitClosed => "circuit_closed",
        EventType.CircuitReset => "circuit_reset",
        EventType.ConnectionRegistered => "connection_registered",
        EventType.ConnectionUnregistered => "connection_unregistered",
        EventType.CircuitHalfOpened => "circuit_half_opened",
        EventType.ConnectionRemoved => "connection_removed",
        _ => "unknown",
    };

    private static int SignalsOf(EventType type) => type switch
    {
        EventType.StateChange => Signal(EngineSignal.Opened) | Signal(EngineSignal.Closed) | Signal(EngineSignal.HalfOpened) | Signal(EngineSignal.Reset),
        EventType.Registration or EventType.ConnectionRegistered => Signal(EngineSignal.Registered),
        EventType.Failure => Signal(EngineSignal.Failed),
        EventType.Success => Signal(EngineSignal.Succeeded),
        EventType.Expiry => Signal(EngineSignal.Expired),
        EventType.Cleanup or EventType.ConnectionRemoved => Signal(EngineSignal.Removed),
        EventType.CircuitOpened => Signal(EngineSignal.Opened),
        EventType.CircuitClosed => Signal(EngineSignal.Closed),
        EventType.CircuitReset => Signal(EngineSignal.Reset),
        EventType.ConnectionUnregistered => Signal(EngineSignal.Unregistered),
        EventType.CircuitHalfOpened => Signal(EngineSignal.HalfOpened),
        _ => 0,
    };

    private static int Signal(EngineSignal signal) => 1 << (int)signal;
}
