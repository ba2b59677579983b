namespace Brama.Testing;

/// <summary>
/// Assertions on a circuit's state that work with any test framework: a mismatch throws
/// <see cref="BramaAssertionException"/> whose message states the expected and the actual status.
/// </summary>
public static class CircuitAssertions
{
    /// <summary>Asserts that the connection exists and its circuit is in <paramref name="expected"/>.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldBeInState(
        this ConnectionRegistry registry, string identifier, CircuitState expected, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RequireDefined(expected);
        if (!registry.TryGetStatus(identifier, scope, out var status))
        {
            throw new BramaAssertionException(
                $"Expected circuit {ConnectionRegistry.Describe(identifier, scope)} to be {expected}, but no such connection is registered.");
        }

        return Check(status, expected);
    }

    /// <summary>Asserts that the circuit is closed.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldBeClosed(this ConnectionRegistry registry, string identifier, string? scope = null) =>
        registry.ShouldBeInState(identifier, CircuitState.Closed, scope);

    /// <summary>Asserts that the circuit is open.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldBeOpen(this ConnectionRegistry registry, string identifier, string? scope = null) =>
        registry.ShouldBeInState(identifier, CircuitState.Open, scope);

    /// <summary>Asserts that the circuit is half-open.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldBeHalfOpen(this ConnectionRegistry registry, string identifier, string? scope = null) =>
        registry.ShouldBeInState(identifier, CircuitState.HalfOpen, scope);

    /// <summary>Asserts that the connection's circuit is in <paramref name="expected"/>.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldBeInState(this Connection connection, CircuitState expected)
    {
        ArgumentNullException.ThrowIfNull(connection);
        RequireDefined(expected);
        return Check(connection.GetStatus(), expected);
    }

    /// <summary>Asserts that the connection has counted exactly <paramref name="expected"/> consecutive failures.</summary>
    /// <returns>The status that was checked.</returns>
    public static ConnectionStatus ShouldHaveFailureCount(
        this ConnectionRegistry registry, string identifier, int expected, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfNegative(expected);
        if (!registry.TryGetStatus(identifier, scope, out var status))
        {
            throw new BramaAssertionException(
                $"Expected circuit {ConnectionRegistry.Describe(identifier, scope)} to have {expected} failures, but no such connection is registered.");
        }

        if (status.FailureCount != expected)
        {
            throw new BramaAssertionException(
                $"Expected circuit {ConnectionRegistry.Describe(identifier, scope)} to have {expected} failures, but it has {status.FailureCount}: {Guard.Describe(status)}.",
                status);
        }

        return status;
    }

    private static ConnectionStatus Check(ConnectionStatus status, CircuitState expected)
    {
        if (status.State != expected)
        {
            var retry = status.RetryAfter is { } left ? $", retry after {left}" : string.Empty;
            throw new BramaAssertionException(
                $"Expected circuit {ConnectionRegistry.Describe(status.Identifier, status.Scope)} to be {expected}, but it is {Guard.Describe(status)}{retry}.",
                status);
        }

        return status;
    }

    private static void RequireDefined(CircuitState expected)
    {
        if (!Enum.IsDefined(expected))
        {
            throw new ArgumentOutOfRangeException(nameof(expected), expected, "Expected Closed, Open or HalfOpen.");
        }
    }
}
