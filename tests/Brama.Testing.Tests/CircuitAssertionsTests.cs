namespace Brama.Testing.Tests;

public sealed class CircuitAssertionsTests : IDisposable
{
    private readonly BramaTestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void A_matching_state_returns_the_status()
    {
        _harness.Register("payment_api", "tenant_a");

        var status = _harness.Registry.ShouldBeClosed("payment_api", "tenant_a");

        Assert.Equal("tenant_a", status.Scope);
    }

    [Fact]
    public void A_mismatch_names_expected_and_actual_status()
    {
        _harness.Register("payment_api", options: new ConnectionOptions { MaxAttempts = 5 });
        _harness.Registry.AddFailures("payment_api", 2);

        var error = Assert.Throws<BramaAssertionException>(() => _harness.Registry.ShouldBeOpen("payment_api"));

        Assert.Equal(
            "Expected circuit 'payment_api' to be Open, but it is Closed (failures 2 of 5, consecutive openings 0).",
            error.Message);
        Assert.Equal(CircuitState.Closed, error.Actual?.State);
    }

    [Fact]
    public void An_open_mismatch_tells_the_time_left()
    {
        _harness.Register("payment_api", "tenant_a", new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(30) });
        _harness.Registry.Trip("payment_api", "tenant_a");

        var error = Assert.Throws<BramaAssertionException>(() => _harness.Registry.ShouldBeHalfOpen("payment_api", "tenant_a"));

        Assert.Equal(
            "Expected circuit 'payment_api' in scope 'tenant_a' to be HalfOpen, but it is Open (failures 1 of 1, consecutive openings 1), retry after 00:00:30.",
            error.Message);
    }

    [Fact]
    public void An_unknown_connection_is_reported_as_such()
    {
        var error = Assert.Throws<BramaAssertionException>(() => _harness.Registry.ShouldBeClosed("nobody"));

        Assert.Equal("Expected circuit 'nobody' to be Closed, but no such connection is registered.", error.Message);
        Assert.Null(error.Actual);
    }

    [Fact]
    public void Connection_assertion_checks_the_handle()
    {
        var connection = _harness.Register("payment_api");
        _harness.Registry.SetState("payment_api", CircuitState.HalfOpen);

        Assert.Equal(CircuitState.HalfOpen, connection.ShouldBeInState(CircuitState.HalfOpen).State);
        var error = Assert.Throws<BramaAssertionException>(() => connection.ShouldBeInState(CircuitState.Closed));
        Assert.StartsWith("Expected circuit 'payment_api' to be Closed, but it is HalfOpen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_count_assertion_compares_the_count()
    {
        _harness.Register("payment_api");
        _harness.Registry.AddFailures("payment_api", 3);

        Assert.Equal(3, _harness.Registry.ShouldHaveFailureCount("payment_api", 3).FailureCount);
        var error = Assert.Throws<BramaAssertionException>(() => _harness.Registry.ShouldHaveFailureCount("payment_api", 1));
        Assert.Equal(
            "Expected circuit 'payment_api' to have 1 failures, but it has 3: Closed (failures 3 of 5, consecutive openings 0).",
            error.Message);
    }
}
