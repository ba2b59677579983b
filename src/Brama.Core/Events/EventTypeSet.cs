namespace Brama;

/// <summary>Facts about <see cref="EventType"/>: bits for masks, which types are guaranteed, their snake_case names.</summary>
internal static class EventTypeSet
{
    public const int Count = 13;

    public const uint All = (1u << Count) - 1;

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

    /// <summary>The spec's snake_case name, as metrics tag it.</summary>
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
}
