using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>§2.3 rows: HalfOpen + acquire with free/full probe slots, probe success, probe failure.</summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public class HalfOpenStateTests
{
    [Fact]
    public void Acquire_with_a_free_slot_grants_a_probe_permit()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();

        Assert.True(connection.TryAcquire(out var probe));

        Assert.True(probe.IsProbe);
        Assert.Equal(1, connection.GetStatus().ProbesInFlight);
    }

    [Fact]
    public void With_the_slots_full_other_callers_are_rejected_without_retry_after()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.RegisterHalfOpen();
        var probe = Engine.Acquire(connection);
        engine.Signals.Clear();

        Assert.False(connection.TryAcquire(out var rejected));
        Assert.False(connection.TryAcquire(out _));

        Assert.False(rejected.IsActive);
        Assert.False(connection.IsAvailable);
        Assert.False(engine.Registry.IsAvailable("api"));
        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Null(status.RetryAfter);
        Assert.Equal([EngineSignal.Rejected, EngineSignal.Rejected], engine.Signals.Kinds);
        Assert.All(engine.Signals.All, s => Assert.Null(s.Data.RetryAfter));
        probe.Complete(Outcome.Success);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void Exactly_HalfOpenMaxCalls_probes_are_admitted_at_once(int maxCalls)
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(o => o with { HalfOpenMaxCalls = maxCalls }));

        var probes = Enumerable.Range(0, maxCalls).Select(_ => Engine.Acquire(connection)).ToList();

        Assert.All(probes, static p => Assert.True(p.IsProbe));
        Assert.False(connection.TryAcquire(out _));
        Assert.Equal(maxCalls, connection.GetStatus().ProbesInFlight);
    }

    [Fact]
    public void A_completed_probe_frees_its_slot_for_the_next_caller()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 3 }));

        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.True(connection.IsAvailable);
        Engine.Acquire(connection).Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
    }

    [Fact]
    public void A_successful_probe_closes_with_count_and_openings_zero()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterHalfOpen();
        engine.Signals.Clear();

        Engine.Acquire(connection).Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(0, status.ConsecutiveOpenings);
        Assert.Null(status.OpenedAt);
        Assert.Equal([EngineSignal.Succeeded, EngineSignal.Closed], engine.Signals.Kinds);
        var closed = engine.Signals.Single(EngineSignal.Closed).Data;
        Assert.Equal(CircuitState.HalfOpen, closed.PreviousState);
        Assert.False(closed.IsManual);
    }

    [Fact]
    public void SuccessesToClose_probes_are_needed_to_close()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 3, HalfOpenMaxCalls = 2 }));

        var first = Engine.Acquire(connection);
        var second = Engine.Acquire(connection);
        first.Complete(Outcome.Success);
        second.Complete(Outcome.Success);
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        Engine.Acquire(connection).Complete(Outcome.Success);

        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void One_failed_probe_reopens_with_a_new_expiry_and_one_more_opening()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 2 }));
        Engine.Acquire(connection).Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        engine.Signals.Clear();

        Engine.Acquire(connection).Complete(Outcome.Failure("still down"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(2, status.ConsecutiveOpenings);
        Assert.Equal(Engine.Start.AddSeconds(11), status.OpenedAt);
        Assert.Equal(Engine.Start.AddSeconds(21), status.ExpiresAt);
        Assert.Equal([EngineSignal.Failed, EngineSignal.Opened], engine.Signals.Kinds);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.Equal(CircuitState.HalfOpen, opened.PreviousState);
        Assert.Equal("still down", opened.Reason);
        Assert.Equal(TimeSpan.FromSeconds(10), opened.RetryAfter);
        Assert.Equal(2, opened.Openings);
    }

    [Fact]
    public void A_reopen_makes_the_other_probes_in_flight_stale()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 2 }));
        var failing = Engine.Acquire(connection);
        var other = Engine.Acquire(connection);

        failing.Complete(Outcome.Failure());
        other.Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(0, status.ProbesInFlight);
    }

    [Fact]
    public void Out_of_band_reports_count_as_probe_results_while_half_open()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();

        connection.ReportSuccess();
        Assert.Equal(CircuitState.Closed, connection.State);

        Engine.Trip(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        engine.Registry.ReportFailure("api", null, "manual check failed");
        Assert.Equal(CircuitState.Open, connection.State);
    }
}
