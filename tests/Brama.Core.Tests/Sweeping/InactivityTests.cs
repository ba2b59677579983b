using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Sweeping;

/// <summary>Cleanup removes connections idle longer than InactivityTimeout; registration counts as activity.</summary>
public class InactivityTests
{
    private static readonly BramaOptions EveryTenSeconds = new() { CleanupInterval = TimeSpan.FromSeconds(10) };

    private static ConnectionOptions IdleAfter(int seconds) =>
        Engine.Options(o => o with { InactivityTimeout = TimeSpan.FromSeconds(seconds) });

    [Fact]
    public void A_fresh_registration_is_not_removed_by_the_first_sweep()
    {
        using var engine = new Engine(EveryTenSeconds);
        engine.Elapse(TimeSpan.FromSeconds(9));
        var connection = engine.Register(options: IdleAfter(5));

        engine.Elapse(TimeSpan.FromSeconds(1));
        engine.Registry.RunCleanup();

        Assert.True(connection.IsRegistered);
        Assert.True(engine.Registry.TryGet("api", out _));
    }

    [Fact]
    public void An_idle_connection_is_removed_by_the_first_sweep_after_its_timeout()
    {
        using var engine = new Engine(EveryTenSeconds, recordSignals: true);
        var connection = engine.Register(options: IdleAfter(30));
        engine.Signals.Clear();

        engine.Elapse(TimeSpan.FromSeconds(30));
        Assert.True(connection.IsRegistered);

        engine.Elapse(TimeSpan.FromSeconds(10));
        Assert.False(connection.IsRegistered);
        Assert.False(engine.Registry.TryGet("api", out _));
        Assert.Equal([EngineSignal.Removed], engine.Signals.Kinds);
    }

    public static TheoryData<string> Activities => ["TryAcquire", "ReportSuccess", "ReportFailure", "RegistryReport", "Open", "Close", "Reset", "Configure"];

    [Theory]
    [MemberData(nameof(Activities))]
    public void Activity_keeps_the_connection(string activity)
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.Register(options: IdleAfter(30));
        engine.Elapse(TimeSpan.FromSeconds(25));

        switch (activity)
        {
            case "TryAcquire": connection.TryAcquire(out _); break;
            case "ReportSuccess": connection.ReportSuccess(); break;
            case "ReportFailure": connection.ReportFailure(); break;
            case "RegistryReport": engine.Registry.ReportSuccess("api"); break;
            case "Open": engine.Registry.Open("api", null, null, TimeSpan.FromSeconds(1)); break;
            case "Close": engine.Registry.Close("api"); break;
            case "Reset": engine.Registry.Reset("api"); break;
            default: engine.Registry.Configure("api", null, IdleAfter(30)); break;
        }

        engine.Elapse(TimeSpan.FromSeconds(35));
        Assert.True(connection.IsRegistered);

        engine.Elapse(TimeSpan.FromSeconds(10));
        Assert.False(connection.IsRegistered);
    }

    [Fact]
    public void Status_reads_are_not_activity()
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.Register(options: IdleAfter(30));

        for (var i = 0; i < 4; i++)
        {
            engine.Elapse(TimeSpan.FromSeconds(9));
            _ = connection.State;
            _ = connection.IsAvailable;
            _ = connection.GetStatus();
            _ = engine.Registry.IsAvailable("api");
            _ = engine.Registry.Connections;
        }

        engine.Elapse(TimeSpan.FromSeconds(4));
        Assert.False(connection.IsRegistered);
    }

    [Fact]
    public void A_connection_without_inactivity_timeout_is_never_removed()
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.Register(options: Engine.Options(static o => o with { InactivityTimeout = null }));

        engine.Elapse(TimeSpan.FromDays(400));

        Assert.True(connection.IsRegistered);
    }

    [Fact]
    public void The_default_inactivity_timeout_is_a_day()
    {
        using var engine = new Engine(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) });
        var connection = engine.Registry.Register("api");

        engine.Elapse(TimeSpan.FromHours(24));
        Assert.True(connection.IsRegistered);

        engine.Elapse(TimeSpan.FromHours(1));
        Assert.False(connection.IsRegistered);
    }

    [Fact]
    public void An_open_circuit_is_not_removed_while_its_break_runs()
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.Register(options: IdleAfter(10));
        engine.Registry.Open("api", null, "maintenance", TimeSpan.FromMinutes(10));

        engine.Elapse(TimeSpan.FromMinutes(9));
        Assert.True(connection.IsRegistered);
        Assert.Equal(CircuitState.Open, connection.State);

        engine.Elapse(TimeSpan.FromMinutes(2));
        Assert.False(connection.IsRegistered);
    }

    [Fact]
    public void Removal_by_RunCleanup_and_re_registration_give_a_new_connection()
    {
        using var engine = new Engine();
        var old = engine.Register(options: IdleAfter(5));
        engine.Elapse(TimeSpan.FromSeconds(6));

        engine.Registry.RunCleanup();
        var renewed = engine.Registry.GetOrRegister("api", null, IdleAfter(5));

        Assert.False(old.IsRegistered);
        Assert.NotSame(old, renewed);
        Assert.True(renewed.IsRegistered);
        engine.Registry.RunCleanup();
        Assert.True(renewed.IsRegistered);
    }

    [Fact]
    public void Only_idle_connections_are_removed()
    {
        using var engine = new Engine(EveryTenSeconds);
        var idle = engine.Register("idle", IdleAfter(30));
        var busy = engine.Register("busy", IdleAfter(30));

        for (var i = 0; i < 5; i++)
        {
            engine.Elapse(TimeSpan.FromSeconds(10));
            busy.TryAcquire(out var permit);
            permit.Complete(Outcome.Success);
        }

        Assert.False(idle.IsRegistered);
        Assert.True(busy.IsRegistered);
        Assert.Equal("busy", Assert.Single(engine.Registry.Connections).Identifier);
    }
}
