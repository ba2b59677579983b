using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>§2.3 rows: Open + acquire before expiry, at/after expiry (every touch), late results.</summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public class OpenStateTests
{
    [Fact]
    public void Acquire_before_expiry_is_rejected_with_the_time_left()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(4));

        Assert.False(connection.TryAcquire(out var permit));

        Assert.False(permit.IsActive);
        Assert.Equal(TimeSpan.FromSeconds(6), connection.GetStatus().RetryAfter);
        var rejected = engine.Signals.Single(EngineSignal.Rejected);
        Assert.Equal(CircuitState.Open, rejected.Data.NewState);
        Assert.Equal(TimeSpan.FromSeconds(6), rejected.Data.RetryAfter);
    }

    [Fact]
    public void Just_before_expiry_the_circuit_is_still_open()
    {
        using var engine = new Engine();
        var connection = engine.RegisterOpen();

        engine.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.False(connection.TryAcquire(out _));
        Assert.Equal(TimeSpan.FromTicks(1), connection.GetStatus().RetryAfter);
    }

    public static TheoryData<string> Touches => ["TryAcquire", "IsAvailable", "State", "GetStatus", "TryGetStatus", "Connections", "RegistryIsAvailable"];

    [Theory]
    [MemberData(nameof(Touches))]
    public void Any_touch_at_expiry_moves_the_circuit_to_half_open_with_expiry_first(string touch)
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        engine.Signals.Clear();

        var observed = touch switch
        {
            "TryAcquire" => connection.TryAcquire(out _) ? CircuitState.HalfOpen : CircuitState.Open,
            "IsAvailable" => connection.IsAvailable ? CircuitState.HalfOpen : CircuitState.Open,
            "State" => connection.State,
            "GetStatus" => connection.GetStatus().State,
            "TryGetStatus" => engine.Registry.TryGetStatus("api", null, out var status) ? status.State : CircuitState.Closed,
            "Connections" => Assert.Single(engine.Registry.Connections).State,
            _ => engine.Registry.IsAvailable("api") ? CircuitState.HalfOpen : CircuitState.Open,
        };

        Assert.Equal(CircuitState.HalfOpen, observed);
        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds.Take(2));
        var halfOpened = engine.Signals.Single(EngineSignal.HalfOpened).Data;
        Assert.Equal(CircuitState.Open, halfOpened.PreviousState);
        Assert.Equal(CircuitState.HalfOpen, halfOpened.NewState);
    }

    [Fact]
    public void A_status_read_after_expiry_never_shows_the_stale_open_state()
    {
        using var engine = new Engine();
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(25));

        var status = connection.GetStatus();

        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Null(status.RetryAfter);
        Assert.Null(status.ExpiresAt);
        Assert.Equal(Engine.Start, status.OpenedAt);
        Assert.Equal(1, status.ConsecutiveOpenings);
    }

    [Fact]
    public void The_cleanup_sweep_moves_an_expired_circuit_to_half_open_without_any_call()
    {
        using var engine = new Engine(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) }, recordSignals: true);
        engine.RegisterOpen();
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
    }

    [Fact]
    public void A_late_failure_while_open_is_recorded_but_does_not_extend_the_break()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        var slow = Engine.Acquire(connection);
        Engine.Trip(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(4));
        engine.Signals.Clear();

        slow.Complete(Outcome.Failure("late"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(Engine.Start.AddSeconds(10), status.ExpiresAt);
        Assert.Equal(1, status.ConsecutiveOpenings);
        Assert.Equal(3, status.FailureCount);
        Assert.Equal(Engine.Start.AddSeconds(4), status.LastFailureAt);
        Assert.Equal("late", status.LastReason);
        Assert.Equal([EngineSignal.Failed], engine.Signals.Kinds);
    }

    [Fact]
    public void A_late_success_while_open_is_recorded_but_does_not_close()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        var slow = Engine.Acquire(connection);
        Engine.Trip(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(2));
        engine.Signals.Clear();

        slow.Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(Engine.Start.AddSeconds(2), status.LastSuccessAt);
        Assert.Equal([EngineSignal.Succeeded], engine.Signals.Kinds);
    }

    [Fact]
    public void Out_of_band_reports_while_open_are_recorded_only()
    {
        using var engine = new Engine();
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(3));

        connection.ReportFailure("still down");
        connection.ReportSuccess();

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(Engine.Start.AddSeconds(10), status.ExpiresAt);
        Assert.Equal(Engine.Start.AddSeconds(3), status.LastSuccessAt);
        Assert.Equal(Engine.Start.AddSeconds(3), status.LastFailureAt);
    }
}
