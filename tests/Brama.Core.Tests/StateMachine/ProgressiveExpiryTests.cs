using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>
/// The k-th consecutive opening lasts min(MaxExpiry, InitialExpiry × BackoffFactor^(k−1)), for automatic and manual
/// openings alike (upstream applied it to manual opens only); k resets on a closing probe and on Reset, not on Close.
/// </summary>
public class ProgressiveExpiryTests
{
    private static readonly ConnectionOptions Progressive = Engine.Options(static o => o with
    {
        MaxAttempts = 1,
        ExpiryStrategy = ExpiryStrategy.Progressive,
        InitialExpiry = TimeSpan.FromSeconds(1),
        MaxExpiry = TimeSpan.FromSeconds(10),
        BackoffFactor = 2,
    });

    [Fact]
    public void Failed_probes_double_the_break_up_to_the_cap()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive);
        Engine.Acquire(connection).Complete(Outcome.Failure());

        var breaks = new List<TimeSpan> { connection.GetStatus().RetryAfter!.Value };
        for (var i = 0; i < 5; i++)
        {
            FailProbe(engine, connection);
            breaks.Add(connection.GetStatus().RetryAfter!.Value);
        }

        Assert.Equal([1, 2, 4, 8, 10, 10], breaks.Select(static b => b.TotalSeconds));
        Assert.Equal(6, connection.GetStatus().ConsecutiveOpenings);
    }

    [Fact]
    public void A_closing_probe_restarts_the_sequence()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive);
        Engine.Acquire(connection).Complete(Outcome.Failure());
        FailProbe(engine, connection);
        FailProbe(engine, connection);
        Assert.Equal(TimeSpan.FromSeconds(4), connection.GetStatus().RetryAfter);

        engine.Time.Advance(TimeSpan.FromSeconds(4));
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(0, connection.GetStatus().ConsecutiveOpenings);

        Engine.Acquire(connection).Complete(Outcome.Failure());
        Assert.Equal(TimeSpan.FromSeconds(1), connection.GetStatus().RetryAfter);
    }

    [Fact]
    public void A_manual_close_keeps_the_sequence()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive);
        Engine.Acquire(connection).Complete(Outcome.Failure());
        FailProbe(engine, connection);

        engine.Registry.Close("api");
        Engine.Acquire(connection).Complete(Outcome.Failure());

        var status = connection.GetStatus();
        Assert.Equal(3, status.ConsecutiveOpenings);
        Assert.Equal(TimeSpan.FromSeconds(4), status.RetryAfter);
    }

    [Fact]
    public void A_reset_restarts_the_sequence()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive);
        Engine.Acquire(connection).Complete(Outcome.Failure());
        FailProbe(engine, connection);

        engine.Registry.Reset("api");
        Engine.Acquire(connection).Complete(Outcome.Failure());

        var status = connection.GetStatus();
        Assert.Equal(1, status.ConsecutiveOpenings);
        Assert.Equal(TimeSpan.FromSeconds(1), status.RetryAfter);
    }

    [Fact]
    public void Manual_opens_without_an_expiry_follow_the_same_sequence()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive);

        engine.Registry.Open("api");
        Assert.Equal(TimeSpan.FromSeconds(1), connection.GetStatus().RetryAfter);
        engine.Registry.Open("api");
        Assert.Equal(TimeSpan.FromSeconds(2), connection.GetStatus().RetryAfter);
        engine.Registry.Open("api", null, null, TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), connection.GetStatus().RetryAfter);
        engine.Registry.Open("api");
        Assert.Equal(TimeSpan.FromSeconds(8), connection.GetStatus().RetryAfter);
    }

    [Fact]
    public void The_fixed_strategy_ignores_the_number_of_openings()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Progressive with { ExpiryStrategy = ExpiryStrategy.Fixed });
        Engine.Acquire(connection).Complete(Outcome.Failure());

        FailProbe(engine, connection);
        FailProbe(engine, connection);

        Assert.Equal(3, connection.GetStatus().ConsecutiveOpenings);
        Assert.Equal(TimeSpan.FromSeconds(10), connection.GetStatus().RetryAfter);
    }

    private static void FailProbe(Engine engine, Connection connection)
    {
        engine.Time.Advance(connection.GetStatus().RetryAfter!.Value);
        var probe = Engine.Acquire(connection);
        Assert.True(probe.IsProbe);
        probe.Complete(Outcome.Failure());
    }
}
