namespace Brama;

/// <summary>The names of Brama's meter, activity source, instruments, tags and activity events.</summary>
internal static class TelemetryNames
{
    public const string Source = "Brama";

    public const string Calls = "brama.calls";
    public const string Transitions = "brama.circuit.transitions";
    public const string State = "brama.circuit.state";
    public const string FailureRate = "brama.circuit.failure_rate";
    public const string SlowCallRate = "brama.circuit.slow_call_rate";
    public const string EventsDropped = "brama.events.dropped";
    public const string ScopeOverflows = "brama.scope.overflows";

    public const string ConnectionTag = "brama.connection";
    public const string ScopeTag = "brama.scope";
    public const string OutcomeTag = "brama.outcome";
    public const string FromStateTag = "brama.state.from";
    public const string ToStateTag = "brama.state.to";
    public const string StateTag = "brama.state";
    public const string EventTypeTag = "brama.event.type";
    public const string ReasonTag = "brama.reason";
    public const string ManualTag = "brama.manual";
    public const string RetryAfterTag = "brama.retry_after_ms";

    public const string RejectedActivityEvent = "brama.call.rejected";
    public const string TransitionActivityEvent = "brama.circuit.transition";

    public const string Success = "success";
    public const string Failure = "failure";
    public const string Ignored = "ignored";
    public const string Rejected = "rejected";

    public static string StateName(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "unknown",
    };
}
