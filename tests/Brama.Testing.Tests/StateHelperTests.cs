using Microsoft.Extensions.Time.Testing;

namespace Brama.Testing.Tests;

public sealed class StateHelperTests : IDisposable
{
    private static readonly ConnectionOptions ThreeAttempts = new() { MaxAttempts = 3, Expiry = TimeSpan.FromSeconds(30) };

    private readonly BramaTestHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void SetState_Open_opens_manually_with_the_strategy_expiry()
    {
        _harness.Register("payment_api", options: ThreeAttempts);

        var status = _harness.Registry.SetState("payment_api", CircuitState.Open);

        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(TimeSpan.FromSeconds(30), status.RetryAfter);
        Assert.False(_harness.Registry.IsAvailable("payment_api"));
    }

    [Fact]
    public void SetState_HalfOpen_admits_exactly_one_probe()
    {
        var connection = _harness.Register("payment_api", options: ThreeAttempts);

        var status = _harness.Registry.SetState("payment_api", CircuitState.HalfOpen);

        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.True(connection.TryAcquire(out var probe));
        Assert.True(probe.IsProbe);
        Assert.False(connection.TryAcquire(out _));
    }

    [Fact]
    public void SetState_Closed_clears_failures_and_openings()
    {
        _harness.Register("payment_api", "tenant_a", ThreeAttempts);
        _harness.Registry.Trip("payment_api", "tenant_a");

        var status = _harness.Registry.SetState("payment_api", CircuitState.Closed, "tenant_a");

        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(0, status.ConsecutiveOpenings);
    }

    [Fact]
    public void SetState_HalfOpen_needs_a_fake_clock()
    {
        using var registry = new ConnectionRegistry();
        registry.Register("payment_api");

        var error = Assert.Throws<InvalidOperationException>(() => registry.SetState("payment_api", CircuitState.HalfOpen));

        Assert.Contains("FakeTimeProvider", error.Message, StringComparison.Ordinal);
        registry.ShouldBeClosed("payment_api");
    }

    [Fact]
    public void AddFailures_counts_and_trips_at_MaxAttempts()
    {
        _harness.Register("payment_api", options: ThreeAttempts);

        var afterTwo = _harness.Registry.AddFailures("payment_api", 2, reason: "HTTP 503");
        var afterThree = _harness.Registry.AddFailures("payment_api", 1);

        Assert.Equal(CircuitState.Closed, afterTwo.State);
        Assert.Equal(2, afterTwo.FailureCount);
        Assert.Equal("HTTP 503", afterTwo.LastReason);
        Assert.Equal(CircuitState.Open, afterThree.State);
        Assert.Equal(1, afterThree.ConsecutiveOpenings);
    }

    [Fact]
    public async Task Trip_opens_through_failures_not_manually()
    {
        _harness.Register("payment_api", options: ThreeAttempts);

        var status = _harness.Registry.Trip("payment_api");

        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(3, status.FailureCount);
        var opened = await _harness.Events.WaitForAsync(EventType.CircuitOpened, "payment_api", cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(opened.Data.IsManual);
        Assert.Equal(3, _harness.Events.OfType(EventType.Failure).Count);
    }

    [Fact]
    public void Trip_of_a_half_open_circuit_reopens_it_with_one_failure()
    {
        _harness.Register("payment_api", options: ThreeAttempts);
        _harness.Registry.SetState("payment_api", CircuitState.HalfOpen);

        var status = _harness.Registry.Trip("payment_api");

        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(2, status.ConsecutiveOpenings);
    }

    [Fact]
    public void AdvancePastExpiry_moves_the_clock_by_the_time_left()
    {
        _harness.Register("payment_api", options: ThreeAttempts);
        _harness.Registry.Trip("payment_api");
        _harness.Advance(TimeSpan.FromSeconds(10));
        var before = _harness.Time.GetUtcNow();

        var status = _harness.Registry.AdvancePastExpiry("payment_api");

        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(TimeSpan.FromSeconds(20), _harness.Time.GetUtcNow() - before);
    }

    [Fact]
    public void AdvancePastExpiry_of_a_closed_circuit_is_an_error_naming_its_state()
    {
        _harness.Register("payment_api", options: ThreeAttempts);

        var error = Assert.Throws<InvalidOperationException>(() => _harness.Registry.AdvancePastExpiry("payment_api"));

        Assert.Equal(
            "Circuit 'payment_api' is Closed (failures 0 of 3, consecutive openings 0); only an open circuit has an expiry to pass.",
            error.Message);
    }

    [Fact]
    public async Task SimulateRecovery_expires_then_closes_through_successful_probes()
    {
        _harness.Register("payment_api", options: ThreeAttempts with { SuccessesToClose = 2 });
        _harness.Registry.Trip("payment_api");

        var status = _harness.Registry.SimulateRecovery("payment_api");

        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.ConsecutiveOpenings);
        await _harness.Events.WaitForAsync(EventType.CircuitClosed, "payment_api", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(
            [EventType.CircuitOpened, EventType.Expiry, EventType.CircuitHalfOpened, EventType.CircuitClosed],
            _harness.Events.Types.Where(IsSpecificTransition));
        Assert.Equal(2, _harness.Events.OfType(EventType.Success).Count);
    }

    [Fact]
    public void SimulateRecovery_fails_clearly_when_calls_hold_every_probe_slot()
    {
        var connection = _harness.Register("payment_api", options: ThreeAttempts);
        _harness.Registry.SetState("payment_api", CircuitState.HalfOpen);
        Assert.True(connection.TryAcquire(out _));

        var error = Assert.Throws<InvalidOperationException>(() => _harness.Registry.SimulateRecovery("payment_api"));

        Assert.Contains("every probe slot taken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Harness_Advance_rejects_going_back_in_time()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _harness.Advance(TimeSpan.FromSeconds(-1)));

        Assert.Equal("delta", error.ParamName);
    }

    [Fact]
    public void Harness_uses_the_given_start_time_and_options()
    {
        var start = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var harness = new BramaTestHarness(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(3) }, start);

        Assert.Equal(start, harness.Time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3), harness.Registry.Options.CleanupInterval);
        Assert.Same(harness.Time, harness.Registry.TimeProvider);
    }

    [Fact]
    public async Task Harness_Advance_runs_the_sweep_that_half_opens_an_expired_circuit()
    {
        _harness.Register("payment_api", options: ThreeAttempts);
        _harness.Registry.Trip("payment_api");

        // Nothing touches the connection after this: only the cleanup sweep, fired by the fake clock, can expire it.
        _harness.Advance(TimeSpan.FromSeconds(40));

        var halfOpened = await _harness.Events.WaitForAsync(EventType.CircuitHalfOpened, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(CircuitState.Open, halfOpened.Data.PreviousState);
        Assert.Single(_harness.Events.OfType(EventType.Expiry));
    }

    [Fact]
    public void Helpers_work_on_any_registry_with_a_fake_clock()
    {
        var time = new FakeTimeProvider();
        using var registry = new ConnectionRegistry(timeProvider: time);
        registry.Register("payment_api", options: ThreeAttempts);

        registry.Trip("payment_api");
        registry.SimulateRecovery("payment_api");

        registry.ShouldBeClosed("payment_api");
    }

    private static bool IsSpecificTransition(EventType type) =>
        type is EventType.CircuitOpened or EventType.CircuitClosed or EventType.CircuitHalfOpened or EventType.Expiry;
}
