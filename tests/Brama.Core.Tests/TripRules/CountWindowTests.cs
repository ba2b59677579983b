using Brama.Core.Tests.Support;
using static Brama.Core.Tests.TripRules.RateCalls;

namespace Brama.Core.Tests.TripRules;

public sealed class CountWindowTests
{
    private static ConnectionOptions LastFour(double ratio = 0.5) =>
        FailureRate(o => o with { SamplingCalls = 4, FailureRatio = ratio, MinimumThroughput = 100 });

    [Fact]
    public void The_window_holds_the_last_N_calls_whatever_their_age()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: LastFour(ratio: 1.0));
        Fail(connection, 2);
        engine.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal((2, 2, 0), Window(connection));

        Succeed(connection, 4);

        Assert.Equal((4, 0, 0), Window(connection));
    }

    [Fact]
    public void The_minimum_throughput_is_capped_at_the_window_size_and_the_account_names_the_calls()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register(options: LastFour());
        Succeed(connection, 2);

        Fail(connection, 2);

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal("failure rate 50 % of the last 4 calls ≥ 50 %; last failure: boom", engine.Signals.Single(EngineSignal.Opened).Data.Reason);
    }

    [Fact]
    public void Evicted_failures_leave_the_totals()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: LastFour(ratio: 0.8));
        Fail(connection, 3);
        Succeed(connection, 3);

        Assert.Equal((4, 1, 0), Window(connection));
        Assert.Equal(0.25, connection.GetStatus().FailureRate);
    }
}
