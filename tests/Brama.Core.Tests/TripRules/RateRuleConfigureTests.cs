using Brama.Core.Tests.Support;
using static Brama.Core.Tests.TripRules.RateCalls;

namespace Brama.Core.Tests.TripRules;

/// <summary>Configure in place may switch rules: changed rate settings restart the window, the state is kept.</summary>
public sealed class RateRuleConfigureTests
{
    [Fact]
    public void Turning_the_rate_rule_on_starts_an_empty_window_and_keeps_the_failure_count()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Engine.Options(o => o with { MaxAttempts = 100 }));
        Fail(connection, 4);

        engine.Registry.Configure("api", null, FailureRate(o => o with { MinimumThroughput = 2 }));

        var status = connection.GetStatus();
        Assert.Equal(0, status.SampledCalls);
        Assert.Equal(4, status.FailureCount);
        Fail(connection);
        Assert.Equal(CircuitState.Closed, connection.State);
        Fail(connection);
        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Other_changes_keep_the_window_and_new_rate_settings_restart_it()
    {
        using var engine = new Engine();
        var options = FailureRate();
        var connection = engine.Register(options: options);
        Fail(connection, 3);

        engine.Registry.Configure("api", null, options with { Expiry = TimeSpan.FromSeconds(99) });
        Assert.Equal((3, 3, 0), Window(connection));

        engine.Registry.Configure("api", null, options with { FailureRatio = 0.6 });
        Assert.Equal((0, 0, 0), Window(connection));
    }

    [Fact]
    public void Turning_the_rules_off_leaves_the_consecutive_rule_and_an_empty_status()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MinimumThroughput = 2 }));
        Succeed(connection, 3);

        engine.Registry.Configure("api", null, Engine.Options());
        Fail(connection, 2);

        Assert.Equal((0, 0, 0), Window(connection));
        Assert.Equal(CircuitState.Closed, connection.State);
        Fail(connection);
        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Switching_from_a_time_window_to_a_count_window_and_to_the_slow_rule_while_open_keeps_it_open()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        Fail(connection, 10);

        engine.Registry.Configure("api", null, FailureRate(o => o with { SamplingCalls = 20 }));
        engine.Registry.Configure("api", null, FailureRate(o => o with { SlowCallDuration = TimeSpan.FromSeconds(1) }));

        Assert.Equal(CircuitState.Open, connection.State);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Take(engine, connection, TimeSpan.FromSeconds(2), Outcome.Success);
        Assert.Equal(CircuitState.Open, connection.State); // the slow rule now times the probe
    }
}
