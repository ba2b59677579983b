using Brama.Core.Tests.Support;
using static Brama.Core.Tests.TripRules.RateCalls;

namespace Brama.Core.Tests.TripRules;

public sealed class SlowCallRuleTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    private static ConnectionOptions Slow(Func<ConnectionOptions, ConnectionOptions>? change = null)
    {
        var options = Engine.Options(o => o with
        {
            MaxAttempts = int.MaxValue,
            SlowCallDuration = Limit,
            SlowCallRatio = 0.5,
            MinimumThroughput = 4,
            SamplingDuration = TimeSpan.FromSeconds(30),
        });
        return change is null ? options : change(options);
    }

    [Fact]
    public void Slow_successes_open_the_circuit_with_the_slow_call_account()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register(options: Slow());
        Succeed(connection, 2);
        Take(engine, connection, TimeSpan.FromSeconds(2), Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);

        Take(engine, connection, TimeSpan.FromSeconds(2), Outcome.Success);

        Assert.Equal(CircuitState.Open, connection.State);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.Equal("slow-call rate (over 1 s) 50 % of 4 calls in 30 s ≥ 50 %", opened.Reason);
        Assert.Equal(new Trip(CircuitTrip.SlowCallRate, opened.Reason, 4, 0.5), opened.Trip);
    }

    [Fact]
    public void A_call_of_exactly_the_limit_is_not_slow_and_one_tick_more_is()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Slow());

        Take(engine, connection, Limit, Outcome.Success);
        Take(engine, connection, Limit + TimeSpan.FromTicks(1), Outcome.Success);

        Assert.Equal((2, 0, 1), Window(connection));
    }

    [Fact]
    public void A_slow_failure_counts_as_failed_and_as_slow()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Slow(o => o with { FailureRatio = 0.9 }));

        Take(engine, connection, TimeSpan.FromSeconds(3), Outcome.Failure("late"));

        Assert.Equal((1, 1, 1), Window(connection));
        Assert.Equal(1.0, connection.GetStatus().SlowCallRate);
    }

    [Fact]
    public void Reports_carry_their_duration()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Slow());

        connection.ReportSuccess(TimeSpan.FromSeconds(5));
        connection.ReportSuccess(TimeSpan.FromMilliseconds(5));
        connection.ReportFailure(TimeSpan.FromSeconds(5), "slow and failed");
        Assert.Equal((3, 1, 2), Window(connection));

        connection.ReportFailure("no duration"); // a failure checks both rates: 2 slow of 4

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void A_negative_report_duration_is_rejected_with_its_name()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Slow());

        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => connection.ReportSuccess(TimeSpan.FromTicks(-1))).ParamName);
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => connection.ReportFailure(TimeSpan.FromTicks(-1))).ParamName);
        Assert.Equal((0, 0, 0), Window(connection));
    }

    [Fact]
    public void A_slow_probe_counts_as_a_failed_probe()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterHalfOpen(options: Slow(o => o with { MaxAttempts = 2 }));
        engine.Signals.Clear();

        Take(engine, connection, TimeSpan.FromSeconds(2), Outcome.Success);

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal([EngineSignal.Succeeded, EngineSignal.Opened], engine.Signals.Kinds);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.Equal("A probe took longer than 1 s.", opened.Reason);
        Assert.Null(opened.Trip);
        Assert.Equal(2, connection.GetStatus().ConsecutiveOpenings);
    }

    [Fact]
    public void A_quick_probe_closes_as_before()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Slow(o => o with { MaxAttempts = 2 }));

        Take(engine, connection, TimeSpan.FromMilliseconds(10), Outcome.Success);

        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Without_the_slow_rule_no_call_is_timed()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());

        Take(engine, connection, TimeSpan.FromHours(1), Outcome.Success);
        connection.ReportSuccess(TimeSpan.FromHours(1));

        Assert.Equal((2, 0, 0), Window(connection));
    }
}
