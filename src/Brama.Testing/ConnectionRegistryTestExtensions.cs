namespace Brama.Testing;

/// <summary>
/// Drives a connection of any <see cref="ConnectionRegistry"/> into the situation a test needs, through the
/// registry's public operations, so that the same events and metrics are published as in production.
/// </summary>
public static class ConnectionRegistryTestExtensions
{
    private const string TestReason = "Set by test";

    /// <summary>
    /// Puts a registered connection into <paramref name="state"/>: <see cref="CircuitState.Closed"/> resets it (counts
    /// cleared), <see cref="CircuitState.Open"/> opens it manually with the expiry of its strategy, and
    /// <see cref="CircuitState.HalfOpen"/> opens it for one millisecond and moves the registry's
    /// <c>FakeTimeProvider</c> past that, so the next caller gets a probe permit.
    /// </summary>
    /// <returns>The connection's status afterwards.</returns>
    public static ConnectionStatus SetState(this ConnectionRegistry registry, string identifier, CircuitState state, string? scope = null)
    {
        var connection = Guard.RequireConnection(registry, identifier, scope);
        switch (state)
        {
            case CircuitState.Closed:
                registry.Reset(identifier, scope, TestReason);
                break;
            case CircuitState.Open:
                registry.Open(identifier, scope, TestReason);
                break;
            case CircuitState.HalfOpen:
                if (connection.State != CircuitState.HalfOpen)
                {
                    var time = Guard.RequireFakeTime(registry, "Setting a circuit half-open");
                    var openFor = TimeSpan.FromMilliseconds(1);
                    registry.Open(identifier, scope, TestReason, openFor);
                    time.Advance(openFor);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "Expected Closed, Open or HalfOpen.");
        }

        return connection.GetStatus();
    }

    /// <summary>Reports <paramref name="count"/> failures of a registered connection, as calls that failed would.</summary>
    /// <returns>The connection's status afterwards (open once the failures reached <c>MaxAttempts</c>).</returns>
    public static ConnectionStatus AddFailures(
        this ConnectionRegistry registry, string identifier, int count, string? scope = null, string? reason = null)
    {
        var connection = Guard.RequireConnection(registry, identifier, scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var i = 0; i < count; i++)
        {
            connection.ReportFailure(reason ?? TestReason);
        }

        return connection.GetStatus();
    }

    /// <summary>
    /// Opens a registered circuit the way production does, by reporting failures until it trips (not a manual open).
    /// An open circuit is left as it is; a half-open one reopens at the first failure.
    /// </summary>
    /// <returns>The connection's status afterwards, which is open.</returns>
    public static ConnectionStatus Trip(this ConnectionRegistry registry, string identifier, string? scope = null, string? reason = null)
    {
        var connection = Guard.RequireConnection(registry, identifier, scope);
        while (connection.State != CircuitState.Open)
        {
            connection.ReportFailure(reason ?? TestReason);
        }

        return connection.GetStatus();
    }

    /// <summary>
    /// Moves the registry's <c>FakeTimeProvider</c> to the moment an open circuit expires, so the circuit is half-open.
    /// </summary>
    /// <returns>The connection's status afterwards.</returns>
    public static ConnectionStatus AdvancePastExpiry(this ConnectionRegistry registry, string identifier, string? scope = null)
    {
        var connection = Guard.RequireConnection(registry, identifier, scope);
        var time = Guard.RequireFakeTime(registry, "Advancing past the expiry");
        var status = connection.GetStatus();
        if (status.State != CircuitState.Open)
        {
            throw new InvalidOperationException(
                $"Circuit {ConnectionRegistry.Describe(identifier, scope)} is {Guard.Describe(status)}; only an open circuit has an expiry to pass.");
        }

        if (status.RetryAfter is { } left && left > TimeSpan.Zero)
        {
            time.Advance(left);
        }

        return connection.GetStatus();
    }

    /// <summary>
    /// Simulates the dependency recovering: an open circuit's expiry passes on the registry's <c>FakeTimeProvider</c>,
    /// then probes succeed one after another until <c>SuccessesToClose</c> is reached and the circuit closes.
    /// A closed circuit is left as it is.
    /// </summary>
    /// <returns>The connection's status afterwards, which is closed.</returns>
    public static ConnectionStatus SimulateRecovery(this ConnectionRegistry registry, string identifier, string? scope = null)
    {
        var connection = Guard.RequireConnection(registry, identifier, scope);
        if (connection.State == CircuitState.Open)
        {
            registry.AdvancePastExpiry(identifier, scope);
        }

        while (connection.State == CircuitState.HalfOpen)
        {
            if (!connection.TryAcquire(out var probe))
            {
                throw new InvalidOperationException(
                    $"Circuit {ConnectionRegistry.Describe(identifier, scope)} is half-open with every probe slot taken by calls still in flight; complete them first.");
            }

            probe.Complete(Outcome.Success);
        }

        return connection.GetStatus();
    }
}
