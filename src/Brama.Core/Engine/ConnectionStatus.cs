namespace Brama;

/// <summary>An immutable snapshot of one connection, taken after any due expiry was applied.</summary>
public sealed record ConnectionStatus
{
    /// <summary>The connection identifier.</summary>
    public required string Identifier { get; init; }

    /// <summary>The connection scope, or <see langword="null"/>.</summary>
    public string? Scope { get; init; }

    /// <summary>The circuit state at the time of the snapshot.</summary>
    public required CircuitState State { get; init; }

    /// <summary>Consecutive failures counted while closed.</summary>
    public int FailureCount { get; init; }

    /// <summary>Consecutive openings: the k of progressive expiry. Reset when a probe closes the circuit or on Reset.</summary>
    public int ConsecutiveOpenings { get; init; }

    /// <summary>Probe permits granted and not yet completed (half-open only).</summary>
    public int ProbesInFlight { get; init; }

    /// <summary>When the circuit last opened, while it is open or half-open.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>When the open circuit expires and admits a probe, while it is open.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Time left until a call may be attempted: the rest of the open period, else null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>When a success was last reported.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>When a failure was last reported.</summary>
    public DateTimeOffset? LastFailureAt { get; init; }

    /// <summary>The reason of the last failure or manual operation, when one was given.</summary>
    public string? LastReason { get; init; }

    /// <summary>The options the connection runs with.</summary>
    public required ConnectionOptions Options { get; init; }

    /// <summary>
    /// One line per <c>[CircuitBreaker]</c> declaration that sets options this connection does not run with, because
    /// it was registered first (in code or configuration): the method, the declared and the effective values. Empty
    /// when every declaration agrees.
    /// </summary>
    public IReadOnlyList<string> OverriddenDeclarations { get; init; } = [];

    /// <summary>The user metadata of <see cref="ConnectionOptions.Metadata"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata => Options.Metadata;

    /// <summary>Whether the scope was chosen by a call (a <c>ScopeParameter</c> value, a request's authority).</summary>
    public bool IsDynamicScope { get; init; }

    /// <summary>With rate rules: the calls in the current window (0 without, and right after the circuit opened or closed).</summary>
    public int SampledCalls { get; init; }

    /// <summary>With rate rules: the failed calls in the current window.</summary>
    public int SampledFailures { get; init; }

    /// <summary>With the slow-call rule: the slow calls in the current window.</summary>
    public int SampledSlowCalls { get; init; }

    /// <summary>With rate rules: failed ÷ sampled calls in the current window, in [0, 1]; 0 while the window is empty.</summary>
    public double FailureRate { get; init; }

    /// <summary>With the slow-call rule: slow ÷ sampled calls in the current window, in [0, 1]; 0 while the window is empty.</summary>
    public double SlowCallRate { get; init; }

    /// <summary>While the circuit is open from a fleet's opening: the instance (or operator) it came from; null otherwise.</summary>
    public string? FleetOrigin { get; init; }
}
