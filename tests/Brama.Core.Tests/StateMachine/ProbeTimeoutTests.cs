using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>A probe not completed within ProbeTimeout counts as a failed probe; its later completion is ignored.</summary>
public class ProbeTimeoutTests
{
    [Fact]
    public void A_touch_after_the_probe_timeout_reopens_the_circuit_without_inventing_a_reported_failure()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(5));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(2, status.ConsecutiveOpenings);
        Assert.Equal(0, status.ProbesInFlight);
        Assert.Equal(TimeSpan.FromSeconds(10), status.RetryAfter);
        Assert.Equal("A probe was not completed within 5 s.", status.LastReason);
        Assert.Equal(Engine.Start, status.LastFailureAt);
        var opened = Assert.Single(engine.Signals.All);
        Assert.Equal(EngineSignal.Opened, opened.Signal);
        Assert.Equal(CircuitState.HalfOpen, opened.Data.PreviousState);
        Assert.Equal("A probe was not completed within 5 s.", opened.Data.Reason);
        Assert.False(opened.Data.IsManual);
    }

    [Fact]
    public void Before_the_timeout_the_probe_still_holds_its_slot()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);

        engine.Time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Assert.False(connection.TryAcquire(out _));
    }

    [Fact]
    public void The_sweep_fails_a_stuck_probe_without_any_call()
    {
        using var engine = new Engine(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(1) }, recordSignals: true);
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([EngineSignal.Opened], engine.Signals.Kinds);
    }

    [Fact]
    public void The_completion_of_a_timed_out_probe_is_recorded_but_changes_nothing()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterHalfOpen();
        var stuck = Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(CircuitState.Open, connection.State);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CircuitState.HalfOpen, connection.State);
        var current = Engine.Acquire(connection);
        engine.Signals.Clear();

        stuck.Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(1, status.ProbesInFlight);
        Assert.Equal([EngineSignal.Succeeded], engine.Signals.Kinds);
        current.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void A_probe_completed_after_its_deadline_but_before_any_touch_has_timed_out()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();
        var probe = Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(6));

        probe.Complete(Outcome.Success);

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void The_earliest_probe_decides_and_a_completed_one_no_longer_counts()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 2, SuccessesToClose = 5 }));
        var early = Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(3));
        var late = Engine.Acquire(connection);

        early.Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        engine.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CircuitState.Open, connection.State);
        late.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Open, connection.State);
    }
}
