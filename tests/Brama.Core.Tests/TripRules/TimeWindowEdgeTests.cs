using Brama.Core.Tests.Support;
using static Brama.Core.Tests.TripRules.RateCalls;

namespace Brama.Core.Tests.TripRules;

/// <summary>A time window of D forgets an outcome no earlier than D and no later than 1.1 × D after it was recorded.</summary>
public sealed class TimeWindowEdgeTests
{
    private static readonly TimeSpan D = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(999)]
    public void An_outcome_is_still_counted_at_D_and_forgotten_by_1_1_D(int offsetMilliseconds)
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        engine.Time.Advance(TimeSpan.FromMilliseconds(offsetMilliseconds));
        Fail(connection);

        engine.Time.Advance(D - TimeSpan.FromTicks(1));
        Assert.Equal((1, 1, 0), Window(connection));
        engine.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal((1, 1, 0), Window(connection));

        engine.Time.Advance(D * 0.1);
        Assert.Equal((0, 0, 0), Window(connection));
    }

    [Fact]
    public void Successes_recorded_without_the_lock_expire_like_failures()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        Succeed(connection, 2); // the first stamps LastSuccessAt under the lock, the second is the lock-free path
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        Succeed(connection);

        engine.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal((1, 0, 0), Window(connection));
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal((0, 0, 0), Window(connection));
    }

    [Fact]
    public void Old_failures_leaving_the_window_keep_a_later_burst_below_the_ratio()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate(o => o with { MinimumThroughput = 6 }));
        Fail(connection, 5);
        engine.Time.Advance(TimeSpan.FromSeconds(11));
        Succeed(connection, 3);

        Fail(connection, 2);

        Assert.Equal(CircuitState.Closed, connection.State); // 2 of 5, the 5 earlier failures forgotten
        Assert.Equal((5, 2, 0), Window(connection));
    }

    [Fact]
    public void A_time_jump_longer_than_the_window_empties_it()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: FailureRate());
        Fail(connection, 9);

        engine.Time.Advance(TimeSpan.FromDays(3));

        Assert.Equal((0, 0, 0), Window(connection));
        Fail(connection, 9);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Connections_of_one_bucket_width_share_one_window_clock_which_stops_with_the_last()
    {
        using var engine = new Engine();
        var a = engine.Register("a", FailureRate());
        engine.Register("b", FailureRate());
        engine.Register("c", FailureRate(o => o with { SamplingDuration = TimeSpan.FromSeconds(20) }));
        engine.Register("plain");
        Assert.Equal(2, engine.Registry.WindowClocks.Count);

        engine.Registry.Unregister("a");
        engine.Registry.Unregister("b");
        Assert.Equal(1, engine.Registry.WindowClocks.Count);
        engine.Registry.Configure("c", null, Engine.Options());
        Assert.Equal(0, engine.Registry.WindowClocks.Count);

        Fail(a, 10); // a detached handle keeps its own window for the calls in flight
        Assert.Equal(CircuitState.Open, a.State);
    }
}
