using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>Permits carry their episode: a late, stale or duplicated result is recorded but never undoes a newer state.</summary>
public class LateResultTests
{
    [Fact]
    public void A_call_admitted_before_the_trip_does_not_count_as_a_probe_while_half_open()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        var slowSuccess = Engine.Acquire(connection);
        var slowFailure = Engine.Acquire(connection);
        Engine.Trip(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        slowSuccess.Complete(Outcome.Success);
        Assert.Equal(CircuitState.HalfOpen, connection.State);
        slowFailure.Complete(Outcome.Failure());
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        Assert.True(connection.IsAvailable);
        Assert.Equal(1, connection.GetStatus().ConsecutiveOpenings);
    }

    [Fact]
    public void A_call_admitted_before_the_trip_does_not_count_in_the_next_closed_episode()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Engine.Options(static o => o with { MaxAttempts = 1 }));
        var slow = Engine.Acquire(connection);
        connection.ReportFailure();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);

        slow.Complete(Outcome.Failure("from the previous episode"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal("from the previous episode", status.LastReason);
    }

    [Fact]
    public void A_probe_of_an_earlier_half_open_episode_does_not_count_in_the_current_one()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 2 }));
        var old = Engine.Acquire(connection);
        Engine.Acquire(connection).Complete(Outcome.Failure());
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        var current = Engine.Acquire(connection);

        old.Complete(Outcome.Failure("stale"));

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Assert.Equal(1, connection.GetStatus().ProbesInFlight);
        current.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Completing_the_same_permit_variable_twice_is_a_no_op()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        var permit = Engine.Acquire(connection);

        permit.Complete(Outcome.Failure());
        permit.Complete(Outcome.Failure());
        permit.Complete(Outcome.Success);

        Assert.Equal(1, connection.GetStatus().FailureCount);
        Assert.Equal([EngineSignal.Registered, EngineSignal.Failed], engine.Signals.Kinds);
    }

    [Fact]
    public void A_duplicated_probe_completion_from_a_copy_is_ignored()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 2 }));
        var probe = Engine.Acquire(connection);
        var copy = probe;

        probe.Complete(Outcome.Success);
        copy.Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
    }

    [Fact]
    public void A_duplicated_probe_completion_does_not_free_a_newer_probe_slot()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 3 }));
        var first = Engine.Acquire(connection);
        var copy = first;
        first.Complete(Outcome.Success);
        var second = Engine.Acquire(connection);

        copy.Complete(Outcome.Ignore);

        Assert.Equal(1, connection.GetStatus().ProbesInFlight);
        Assert.False(connection.TryAcquire(out _));
        second.Complete(Outcome.Success);
    }

    [Fact]
    public void A_default_permit_completes_as_a_no_op()
    {
        var permit = default(CallPermit);

        permit.Complete(Outcome.Failure());

        Assert.False(permit.IsActive);
        Assert.False(permit.IsProbe);
    }
}
