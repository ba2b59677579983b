using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>
/// The engine → events seam: which signals each action publishes, in the order of the §3 table, with their data.
/// Read through the registry's internal signal tap.
/// </summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public class SignalSequenceTests
{
    [Fact]
    public void Register_publishes_registered()
    {
        using var engine = new Engine(recordSignals: true);

        engine.Registry.Register("api", "eu");

        var registered = Assert.Single(engine.Signals.All);
        Assert.Equal(new RecordedSignal("api", "eu", EngineSignal.Registered, new SignalData(
            CircuitState.Closed, CircuitState.Closed, null, 0, 0, null, false)), registered);
    }

    [Fact]
    public void Unregister_publishes_unregistered()
    {
        using var engine = new Engine(recordSignals: true);
        engine.Register();
        engine.Signals.Clear();

        engine.Registry.Unregister("api");

        Assert.Equal([EngineSignal.Unregistered], engine.Signals.Kinds);
    }

    [Fact]
    public void A_tripping_failure_publishes_failed_then_opened_with_the_counts_after_the_action()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        connection.ReportFailure("one");
        connection.ReportFailure("two");
        engine.Signals.Clear();

        connection.ReportFailure("three");

        Assert.Equal(
        [
            new RecordedSignal("api", null, EngineSignal.Failed, new SignalData(CircuitState.Closed, CircuitState.Closed, "three", 3, 0, null, false)),
            new RecordedSignal("api", null, EngineSignal.Opened, new SignalData(CircuitState.Closed, CircuitState.Open, "three", 3, 1, TimeSpan.FromSeconds(10), false, new Trip(CircuitTrip.ConsecutiveFailures, "three"))),
        ],
        engine.Signals.All);
    }

    [Fact]
    public void Every_success_is_published_also_on_the_lock_free_path()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        engine.Signals.Clear();

        for (var i = 0; i < 3; i++)
        {
            Engine.Acquire(connection).Complete(Outcome.Success);
        }

        connection.ReportSuccess();

        Assert.Equal(Enumerable.Repeat(EngineSignal.Succeeded, 4), engine.Signals.Kinds);
    }

    [Fact]
    public void A_full_cycle_publishes_the_transitions_in_order()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.Register(options: Engine.Options(static o => o with { MaxAttempts = 1 }));

        Engine.Acquire(connection).Complete(Outcome.Failure("down"));
        connection.TryAcquire(out _);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        var probe = Engine.Acquire(connection);
        connection.TryAcquire(out _);
        probe.Complete(Outcome.Failure("still down"));
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Engine.Acquire(connection).Complete(Outcome.Ignore);
        Engine.Acquire(connection).Complete(Outcome.Success);
        engine.Registry.Open("api", null, "maintenance");
        engine.Registry.Reset("api", null, "done");

        Assert.Equal(
        [
            EngineSignal.Registered,
            EngineSignal.Failed, EngineSignal.Opened,
            EngineSignal.Rejected,
            EngineSignal.Expired, EngineSignal.HalfOpened,
            EngineSignal.Rejected,
            EngineSignal.Failed, EngineSignal.Opened,
            EngineSignal.Expired, EngineSignal.HalfOpened,
            EngineSignal.Ignored,
            EngineSignal.Succeeded, EngineSignal.Closed,
            EngineSignal.Opened,
            EngineSignal.Reset,
        ],
        engine.Signals.Kinds);
    }

    [Fact]
    public void Cleanup_removal_publishes_removed()
    {
        using var engine = new Engine(recordSignals: true);
        engine.Register(options: Engine.Options(static o => o with { InactivityTimeout = TimeSpan.FromSeconds(1) }));
        engine.Signals.Clear();
        engine.Time.Advance(TimeSpan.FromSeconds(2));

        engine.Registry.RunCleanup();

        var removed = Assert.Single(engine.Signals.All);
        Assert.Equal(EngineSignal.Removed, removed.Signal);
        Assert.Equal("api", removed.Identifier);
    }

    [Fact]
    public void Rejections_while_open_carry_the_time_left()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.RegisterOpen();
        engine.Signals.Clear();

        connection.TryAcquire(out _);
        engine.Time.Advance(TimeSpan.FromSeconds(3));
        connection.TryAcquire(out _);

        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(7)], engine.Signals.All.Select(static s => s.Data.RetryAfter));
    }
}
