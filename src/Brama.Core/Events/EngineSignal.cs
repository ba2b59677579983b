namespace Brama;

/// <summary>What the engine tells the event and telemetry layer about one action (see <see cref="ConnectionObserver"/>).</summary>
internal enum EngineSignal
{
    /// <summary>Register → Registration, ConnectionRegistered.</summary>
    Registered,

    /// <summary>Unregister → ConnectionUnregistered.</summary>
    Unregistered,

    /// <summary>Cleanup removed an idle connection → ConnectionRemoved, Cleanup.</summary>
    Removed,

    /// <summary>A success was reported (permit or ReportSuccess), in any state → Success; metric outcome=success.</summary>
    Succeeded,

    /// <summary>A failure was reported, in any state → Failure; metric outcome=failure.</summary>
    Failed,

    /// <summary>A permit completed with Ignore → metric outcome=ignored (no event type exists for it).</summary>
    Ignored,

    /// <summary>TryAcquire was refused → metric outcome=rejected, activity event.</summary>
    Rejected,

    /// <summary>Transition to Open → CircuitOpened, StateChange.</summary>
    Opened,

    /// <summary>Transition to Closed (not by Reset) → CircuitClosed, StateChange.</summary>
    Closed,

    /// <summary>Transition Open → HalfOpen → CircuitHalfOpened, StateChange. Preceded by <see cref="Expired"/>.</summary>
    HalfOpened,

    /// <summary>An open circuit reached its expiry → Expiry.</summary>
    Expired,

    /// <summary>Manual Reset → CircuitReset, and StateChange when the state changed.</summary>
    Reset,
}

/// <summary>The data of one signal, copied into the events it produces. Built only when <see cref="ConnectionObserver.IsObserved"/> says so.</summary>
/// <param name="PreviousState">The state before the action.</param>
/// <param name="NewState">The state after the action.</param>
/// <param name="Reason">The failure, manual or rejection reason, when there is one.</param>
/// <param name="FailureCount">The consecutive failure count after the action.</param>
/// <param name="Openings">The consecutive openings after the action.</param>
/// <param name="RetryAfter">For Opened/Rejected: the time until a call may be attempted.</param>
/// <param name="IsManual">Whether the action was a manual Open/Close/Reset.</param>
internal readonly record struct SignalData(
    CircuitState PreviousState,
    CircuitState NewState,
    string? Reason,
    int FailureCount,
    int Openings,
    TimeSpan? RetryAfter,
    bool IsManual);
