using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>§2.3 rows: manual Open (reason, expiry?), Close, Reset, from every state.</summary>
public class ManualOperationTests
{
    public static TheoryData<CircuitState> States => [CircuitState.Closed, CircuitState.Open, CircuitState.HalfOpen];

    [Theory]
    [MemberData(nameof(States))]
    public void Open_with_an_expiry_opens_for_that_long_from_any_state(CircuitState from)
    {
        using var engine = new Engine(recordSignals: true);
        var connection = In(engine, from);
        var openings = connection.GetStatus().ConsecutiveOpenings;
        engine.Signals.Clear();

        Assert.True(engine.Registry.Open("api", null, "maintenance", TimeSpan.FromMinutes(5)));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(openings + 1, status.ConsecutiveOpenings);
        Assert.Equal(TimeSpan.FromMinutes(5), status.RetryAfter);
        Assert.Equal("maintenance", status.LastReason);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.True(opened.IsManual);
        Assert.Equal(from, opened.PreviousState);
        Assert.Equal("maintenance", opened.Reason);
        Assert.Equal(TimeSpan.FromMinutes(5), opened.RetryAfter);
    }

    [Fact]
    public void Open_without_an_expiry_uses_the_strategy()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        engine.Registry.Open("api");

        Assert.Equal(TimeSpan.FromSeconds(10), connection.GetStatus().RetryAfter);
    }

    [Fact]
    public void A_manually_opened_circuit_expires_into_half_open_like_any_other()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        engine.Registry.Open("api", null, null, TimeSpan.FromSeconds(30));

        engine.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CircuitState.HalfOpen, connection.State);
    }

    [Fact]
    public void Open_while_open_starts_a_new_open_period()
    {
        using var engine = new Engine();
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(8));

        engine.Registry.Open("api", null, "again", TimeSpan.FromSeconds(20));

        var status = connection.GetStatus();
        Assert.Equal(Engine.Start.AddSeconds(28), status.ExpiresAt);
        Assert.Equal(2, status.ConsecutiveOpenings);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Close_closes_with_count_zero_and_keeps_the_openings(CircuitState from)
    {
        using var engine = new Engine(recordSignals: true);
        var connection = In(engine, from);
        if (from == CircuitState.Closed)
        {
            connection.ReportFailure();
        }

        var openings = connection.GetStatus().ConsecutiveOpenings;
        engine.Signals.Clear();

        Assert.True(engine.Registry.Close("api", null, "fixed"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(openings, status.ConsecutiveOpenings);
        Assert.Equal(0, status.ProbesInFlight);
        Assert.Equal("fixed", status.LastReason);
        if (from == CircuitState.Closed)
        {
            Assert.Empty(engine.Signals.All);
        }
        else
        {
            var closed = engine.Signals.Single(EngineSignal.Closed).Data;
            Assert.True(closed.IsManual);
            Assert.Equal(from, closed.PreviousState);
            Assert.Equal("fixed", closed.Reason);
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Reset_closes_with_count_and_openings_zero_and_publishes_reset_not_closed(CircuitState from)
    {
        using var engine = new Engine(recordSignals: true);
        var connection = In(engine, from);
        if (from == CircuitState.Closed)
        {
            connection.ReportFailure();
        }

        engine.Signals.Clear();

        Assert.True(engine.Registry.Reset("api", null, "clean slate"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(0, status.ConsecutiveOpenings);
        Assert.Equal([EngineSignal.Reset], engine.Signals.Kinds);
        var reset = engine.Signals.Single(EngineSignal.Reset).Data;
        Assert.Equal(from, reset.PreviousState);
        Assert.Equal(CircuitState.Closed, reset.NewState);
        Assert.True(reset.IsManual);
        Assert.Equal("clean slate", reset.Reason);
    }

    [Fact]
    public void Close_after_an_unnoticed_expiry_publishes_the_expiry_first()
    {
        using var engine = new Engine(recordSignals: true);
        engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        engine.Signals.Clear();

        engine.Registry.Close("api");

        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened, EngineSignal.Closed], engine.Signals.Kinds);
        Assert.Equal(CircuitState.HalfOpen, engine.Signals.Single(EngineSignal.Closed).Data.PreviousState);
    }

    [Fact]
    public void Probes_in_flight_before_a_manual_close_are_stale_afterwards()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();
        var probe = Engine.Acquire(connection);
        engine.Registry.Close("api");
        connection.ReportFailure();
        connection.ReportFailure();

        probe.Complete(Outcome.Failure());

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(2, status.FailureCount);
    }

    private static Connection In(Engine engine, CircuitState state) => state switch
    {
        CircuitState.Closed => engine.Register(),
        CircuitState.Open => engine.RegisterOpen(),
        _ => engine.RegisterHalfOpen(),
    };
}
