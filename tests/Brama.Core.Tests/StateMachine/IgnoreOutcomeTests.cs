using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>§2.3 row: any state + Ignore: the permit is released and nothing is counted.</summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public class IgnoreOutcomeTests
{
    [Fact]
    public void Ignore_while_closed_counts_nothing()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.Register();
        connection.ReportFailure();
        engine.Signals.Clear();

        Engine.Acquire(connection).Complete(Outcome.Ignore);

        var status = connection.GetStatus();
        Assert.Equal(1, status.FailureCount);
        Assert.Null(status.LastSuccessAt);
        Assert.Equal([EngineSignal.Ignored], engine.Signals.Kinds);
    }

    [Fact]
    public void Ignore_on_a_probe_frees_the_slot_without_closing_or_reopening()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.RegisterHalfOpen();
        engine.Signals.Clear();

        Engine.Acquire(connection).Complete(Outcome.Ignore);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
        Assert.True(connection.IsAvailable);
        Assert.Equal([EngineSignal.Ignored], engine.Signals.Kinds);

        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Ignore_on_a_probe_does_not_count_towards_SuccessesToClose()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 2 }));

        Engine.Acquire(connection).Complete(Outcome.Success);
        Engine.Acquire(connection).Complete(Outcome.Ignore);
        Engine.Acquire(connection).Complete(Outcome.Ignore);
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Ignore_of_a_call_admitted_before_the_trip_leaves_the_open_circuit_alone()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        var slow = Engine.Acquire(connection);
        Engine.Trip(connection);
        var before = connection.GetStatus();

        slow.Complete(Outcome.Ignore);

        Assert.Equal(before, connection.GetStatus());
    }
}
