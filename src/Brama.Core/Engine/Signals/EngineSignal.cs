namespace Brama;

/// <summary>
/// What the engine tells its listener about one action of a connection. What a signal becomes (events, metrics,
/// activity events) is the listener's business; the names here say what happened.
/// </summary>
internal enum EngineSignal
{
    /// <summary>The connection was registered.</summary>
    Registered,

    /// <summary>The connection was unregistered.</summary>
    Unregistered,

    /// <summary>The sweep removed the connection, idle past its inactivity timeout.</summary>
    Removed,

    /// <summary>A success was reported (a permit or ReportSuccess), in any state.</summary>
    Succeeded,

    /// <summary>A failure was reported, in any state.</summary>
    Failed,

    /// <summary>A permit was completed with Ignore.</summary>
    Ignored,

    /// <summary>TryAcquire refused a call.</summary>
    Rejected,

    /// <summary>The circuit opened (from any state, also again while open).</summary>
    Opened,

    /// <summary>The circuit closed, by a probe or a manual Close (not by Reset).</summary>
    Closed,

    /// <summary>The circuit went from open to half-open. Preceded by <see cref="Expired"/>.</summary>
    HalfOpened,

    /// <summary>An open circuit reached the end of its break.</summary>
    Expired,

    /// <summary>A manual Reset.</summary>
    Reset,

    /// <summary>A call for a new scope value found its identifier at its dynamic-scope limit and used this overflow circuit.</summary>
    ScopeOverflowed,
}

/// <summary>The bits of <see cref="EngineSignal"/> values, for the masks a listener answers with.</summary>
internal static class EngineSignals
{
    public const int Count = 13;

    public static int Bit(EngineSignal signal) => 1 << (int)signal;
}

/// <summary>The data of one signal. Built only when the listener wants the signal.</summary>
/// <param name="PreviousState">The state before the action.</param>
/// <param name="NewState">The state after the action.</param>
/// <param name="Reason">The failure, manual or rejection reason, when there is one.</param>
/// <param name="FailureCount">The consecutive failure count after the action.</param>
/// <param name="Openings">The consecutive openings after the action.</param>
/// <param name="RetryAfter">For Opened/Rejected: the time until a call may be attempted.</param>
/// <param name="IsManual">Whether the action was a manual Open/Close/Reset.</param>
/// <param name="Trip">For an opening by a trip rule: which one, with its rate and sampled calls for a rate rule.</param>
internal readonly record struct SignalData(
    CircuitState PreviousState,
    CircuitState NewState,
    string? Reason,
    int FailureCount,
    int Openings,
    TimeSpan? RetryAfter,
    bool IsManual,
    Trip? Trip = null)
{
    /// <summary>The fleet instance the transition came from, or null for this instance's own.</summary>
    public string? FleetOrigin { get; init; }
}
