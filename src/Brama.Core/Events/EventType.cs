namespace Brama;

/// <summary>The 13 kinds of event a registry publishes (the Brama status-notifications spec).</summary>
public enum EventType
{
    /// <summary>The circuit state changed; carries the previous and new state. Published with every transition.</summary>
    StateChange = 0,

    /// <summary>A connection was registered (published first, then <see cref="ConnectionRegistered"/>).</summary>
    Registration = 1,

    /// <summary>A failure was reported, in any state.</summary>
    Failure = 2,

    /// <summary>A success was reported, in any state.</summary>
    Success = 3,

    /// <summary>An open circuit reached its expiry (followed by <see cref="CircuitHalfOpened"/>).</summary>
    Expiry = 4,

    /// <summary>Cleanup removed an idle connection (published after <see cref="ConnectionRemoved"/>).</summary>
    Cleanup = 5,

    /// <summary>The circuit opened.</summary>
    CircuitOpened = 6,

    /// <summary>The circuit closed.</summary>
    CircuitClosed = 7,

    /// <summary>The circuit was reset manually.</summary>
    CircuitReset = 8,

    /// <summary>A connection was registered.</summary>
    ConnectionRegistered = 9,

    /// <summary>A connection was unregistered.</summary>
    ConnectionUnregistered = 10,

    /// <summary>The circuit moved to half-open.</summary>
    CircuitHalfOpened = 11,

    /// <summary>A connection was removed (by cleanup).</summary>
    ConnectionRemoved = 12,
}
