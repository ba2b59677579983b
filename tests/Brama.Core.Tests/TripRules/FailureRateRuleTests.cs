using Brama.Core.Tests.Support;
using static Brama.Core.Tests.TripRules.RateCalls;

namespace Brama.Core.Tests.TripRules;

public sealed class FailureRateRuleTests
{
    [Fact]
    public void Interleaved_failures_below_the_ratio_never_trip_where_the_consecutive_rule_alone_would_not_either()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MaxAttempts = 5 }));

        for (var i = 0; i < 40; i++)
        {
            Fail(connection);
            Succeed(connection, 2);
        }

        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.Equal((120, 40, 0), Window(connection));
        Assert.Equal(40d / 120, connection.GetStatus().FailureRate, 12);
    }

    [Fact]
    public void A_failure_that_brings_the_rate_to_the_ratio_opens_the_circuit()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register(options: FailureRate());

        for (var i = 0; i < 4; i++)
        {
            Succeed(connection);
            Fail(connection);
        }

        Succeed(connection);
        Assert.Equal((9, 4, 0), Window(connection));
        Fail(connection, reason: "timeout");

        Assert.Equal(CircuitState.Open, connection.State);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.Equal("failure rate 50 % of 10 calls in 10 s ≥ 50 %; last failure: timeout", opened.Reason);
        Assert.Equal(new Trip(CircuitTrip.FailureRate, opened.Reason, 10, 0.5), opened.Trip);
        Assert.Equal(opened.Reason, connection.GetStatus().LastReason);
    }

    [Fact]
    public void A_success_never_trips_even_when_the_window_is_above_the_ratio()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MinimumThroughput = 4 }));
        Fail(connection, 3);

        Succeed(connection);

        Assert.Equal(CircuitState.Closed, connection.State);
        Fail(connection);
        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Theory]
    [InlineData(9, CircuitState.Closed)]
    [InlineData(10, CircuitState.Open)]
    public void The_rate_applies_only_from_the_minimum_throughput(int failures, CircuitState expected)
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());

        Fail(connection, failures);

        Assert.Equal(expected, connection.State);
    }

    [Fact]
    public void Exactly_the_ratio_trips_and_just_under_it_does_not()
    {
        using var engine = new Engine();
        var at = engine.Register("at", FailureRate(o => o with { FailureRatio = 0.3 }));
        var under = engine.Register("under", FailureRate(o => o with { FailureRatio = 0.3 }));
        var all = engine.Register("all", FailureRate(o => o with { FailureRatio = 1.0, MinimumThroughput = 3 }));

        Succeed(at, 7);
        Fail(at, 3);
        Succeed(under, 8);
        Fail(under, 3);
        Succeed(all);
        Fail(all, 3);

        Assert.Equal(CircuitState.Open, at.State); // 3 of 10 = 30 %
        Assert.Equal(CircuitState.Closed, under.State); // 3 of 11 = 27 %
        Assert.Equal(CircuitState.Closed, all.State); // 3 of 4 = 75 %
        Fail(under);
        Assert.Equal(CircuitState.Open, under.State); // 4 of 12 = 33 %
    }

    [Fact]
    public void Ignored_calls_are_not_sampled()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        Succeed(connection);

        Engine.Acquire(connection).Complete(Outcome.Ignore);

        Assert.Equal((1, 0, 0), Window(connection));
    }

    [Fact]
    public void The_consecutive_rule_still_trips_beside_the_rate_rule_at_low_traffic()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register(options: FailureRate(o => o with { MaxAttempts = 3, MinimumThroughput = 100 }));

        Fail(connection, 3, reason: "refused");

        Assert.Equal(CircuitState.Open, connection.State);
        var opened = engine.Signals.Single(EngineSignal.Opened).Data;
        Assert.Equal("refused", opened.Reason);
        Assert.Equal(new Trip(CircuitTrip.ConsecutiveFailures, "refused"), opened.Trip);
    }

    [Fact]
    public void The_window_is_cleared_when_the_circuit_opens_and_again_when_it_closes()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        Fail(connection, 10);
        Assert.Equal((0, 0, 0), Window(connection));

        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Engine.Acquire(connection).Complete(Outcome.Success);

        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.Equal((0, 0, 0), Window(connection));
        Succeed(connection);
        Assert.Equal((1, 0, 0), Window(connection));
    }

    [Fact]
    public void Results_while_open_or_half_open_are_not_sampled()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { HalfOpenMaxCalls = 2, SuccessesToClose = 2 }));
        var late = Engine.Acquire(connection);
        Fail(connection, 10);
        late.Complete(Outcome.Failure("late"));
        connection.ReportFailure("while open");
        engine.Time.Advance(TimeSpan.FromSeconds(10));

        Engine.Acquire(connection).Complete(Outcome.Success);

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Assert.Equal((0, 0, 0), Window(connection));
    }

    [Fact]
    public void Reports_count_in_the_window_while_closed()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MinimumThroughput = 2 }));

        connection.ReportSuccess();
        connection.ReportFailure("reported");

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Rate_rules_alone_with_MaxAttempts_at_its_maximum_let_a_long_run_of_failures_below_the_throughput_pass()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MinimumThroughput = 1_000 }));

        Fail(connection, 999);

        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.Equal(999, connection.GetStatus().FailureCount);
    }
}
