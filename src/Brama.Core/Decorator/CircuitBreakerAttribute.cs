namespace Brama;

/// <summary>
/// Protects a partial method with the circuit breaker of a named connection. The Brama source generator writes
/// the method's body: it asks the connection for a permit, runs the implementation method, classifies the result
/// or exception and reports the outcome.
/// </summary>
/// <example>
/// <code>
/// [CircuitBreaker("payment_api", ErrorHandler = typeof(PaymentErrors))]
/// public partial Task&lt;Receipt&gt; ChargeAsync(Order order, CancellationToken ct);
///
/// private async Task&lt;Receipt&gt; ChargeAsyncCore(Order order, CancellationToken ct) { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CircuitBreakerAttribute : Attribute
{
    /// <summary>Creates the attribute for the connection <paramref name="connection"/>.</summary>
    /// <param name="connection">The connection identifier: non-empty, not whitespace, at most 256 characters.</param>
    public CircuitBreakerAttribute(string connection) => Connection = connection;

    /// <summary>The connection identifier.</summary>
    public string Connection { get; }

    /// <summary>The connection scope; <see langword="null"/> for an unscoped connection.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// The name of the parameter whose value is each call's scope (write <c>nameof(parameter)</c>): one circuit per
    /// tenant, region or host. A string is used as it is, an enum by name, other values formatted invariantly; a null,
    /// blank or over-long value throws before the implementation runs. Bounded per identifier by
    /// <see cref="BramaOptions.MaxDynamicScopes"/>. Not together with <see cref="Scope"/>.
    /// </summary>
    public string? ScopeParameter { get; set; }

    /// <summary>A type implementing <c>IErrorHandler&lt;T&gt;</c> for the method's result type, with a public parameterless constructor.</summary>
    public Type? ErrorHandler { get; set; }

    /// <summary>The name of the method that does the real work. Defaults to the decorated method's name followed by <c>Core</c>.</summary>
    public string? Implementation { get; set; }

    /// <summary>The name of a method called instead of the implementation while the circuit rejects calls.</summary>
    public string? Fallback { get; set; }

    /// <summary>Consecutive failures that open the circuit, when the decorator registers the connection; 0 keeps the registry's default.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>How long the circuit stays open, in milliseconds, when the decorator registers the connection; 0 keeps the registry's default.</summary>
    public long ExpiryMilliseconds { get; set; }

    /// <summary>How the open duration grows over consecutive openings, when the decorator registers the connection.</summary>
    public ExpiryStrategy ExpiryStrategy { get; set; }

    /// <summary>Probes admitted at once while half-open, when the decorator registers the connection; 0 keeps the registry's default.</summary>
    public int HalfOpenMaxCalls { get; set; }

    /// <summary>Successful probes needed to close the circuit, when the decorator registers the connection; 0 keeps the registry's default.</summary>
    public int SuccessesToClose { get; set; }

    /// <summary>
    /// How long a probe may take before it counts as failed, in milliseconds, when the decorator registers the
    /// connection; 0 keeps the registry's default.
    /// </summary>
    public long ProbeTimeoutMilliseconds { get; set; }

    /// <summary>
    /// Progressive expiry: the longest opening, in milliseconds (at least <see cref="ExpiryMilliseconds"/>), when the
    /// decorator registers the connection; 0 keeps the registry's default (10 × the first opening).
    /// </summary>
    public long MaxExpiryMilliseconds { get; set; }

    /// <summary>
    /// Progressive expiry: how much each consecutive opening grows (at least 1), when the decorator registers the
    /// connection; 0 keeps the registry's default (2).
    /// </summary>
    public double BackoffFactor { get; set; }

    /// <summary>
    /// Failure-rate rule: the share of failed calls in the window that opens the circuit, in (0, 1], when the decorator
    /// registers the connection; 0 keeps the registry's default (off).
    /// </summary>
    public double FailureRatio { get; set; }

    /// <summary>
    /// Rate rules: the fewest calls in the window before a rate may open the circuit (at least 1), when the decorator
    /// registers the connection; 0 keeps the registry's default (100).
    /// </summary>
    public int MinimumThroughput { get; set; }

    /// <summary>
    /// Rate rules: the time window, in milliseconds (at least 100), when the decorator registers the connection; 0 keeps
    /// the registry's default (30 s).
    /// </summary>
    public long SamplingDurationMilliseconds { get; set; }

    /// <summary>
    /// Rate rules: a window of the last this many calls instead of a time window (1 to 1,000,000), when the decorator
    /// registers the connection; 0 keeps the registry's default (a time window).
    /// </summary>
    public int SamplingCalls { get; set; }

    /// <summary>
    /// Slow-call rule: a call longer than this many milliseconds is slow, when the decorator registers the connection;
    /// 0 keeps the registry's default (off).
    /// </summary>
    public long SlowCallMilliseconds { get; set; }

    /// <summary>
    /// Slow-call rule: the share of slow calls in the window that opens the circuit, in (0, 1], when the decorator
    /// registers the connection; 0 keeps the registry's default (1).
    /// </summary>
    public double SlowCallRatio { get; set; }

    /// <summary>
    /// Whether the connection takes part in a fleet (<see cref="ConnectionOptions.FleetWide"/>): openings, probes and
    /// operator commands are shared with the other instances that joined it. False (the default) keeps the registry's
    /// default.
    /// </summary>
    public bool FleetWide { get; set; }
}
