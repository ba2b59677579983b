using System.Runtime.CompilerServices;
using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Sweeping;

/// <summary>The sweep runs on the TimeProvider's timer every CleanupInterval; RunCleanup sweeps now.</summary>
public class CleanupTimerTests
{
    private static readonly BramaOptions EveryTenSeconds = new() { CleanupInterval = TimeSpan.FromSeconds(10) };

    [Fact]
    public void The_timer_sweeps_every_cleanup_interval()
    {
        using var engine = new Engine(EveryTenSeconds, recordSignals: true);
        engine.Register(options: Engine.Options(static o => o with { Expiry = TimeSpan.FromSeconds(1) }));
        engine.Registry.Open("api");
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(engine.Signals.All);

        engine.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
    }

    [Fact]
    public void RunCleanup_sweeps_immediately()
    {
        using var engine = new Engine(recordSignals: true);
        engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        engine.Signals.Clear();

        engine.Registry.RunCleanup();

        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
    }

    [Fact]
    public void A_sweep_leaves_healthy_connections_untouched()
    {
        using var engine = new Engine(EveryTenSeconds, recordSignals: true);
        var connection = engine.Register();
        connection.ReportFailure();
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(engine.Signals.All);
        Assert.Equal(1, connection.GetStatus().FailureCount);
        Assert.True(connection.IsRegistered);
    }

    [Fact]
    public void Configuring_a_new_cleanup_interval_changes_the_sweep_period()
    {
        using var engine = new Engine(EveryTenSeconds, recordSignals: true);
        engine.Registry.Configure(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(2) });
        engine.Register(options: Engine.Options(static o => o with { Expiry = TimeSpan.FromSeconds(1) }));
        engine.Registry.Open("api");
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
        Assert.Equal(TimeSpan.FromSeconds(2), engine.Registry.Options.CleanupInterval);
    }

    [Fact]
    public void Dispose_stops_the_timer_and_is_idempotent()
    {
        using var engine = new Engine(EveryTenSeconds, recordSignals: true);
        engine.Register(options: Engine.Options(static o => o with { Expiry = TimeSpan.FromSeconds(1) }));
        engine.Registry.Open("api");
        engine.Signals.Clear();

        engine.Registry.Dispose();
        engine.Registry.Dispose();
        engine.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(engine.Signals.All);
    }

    [Fact]
    public void A_registry_on_the_system_clock_can_be_created_and_disposed()
    {
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) });
        registry.Register("api");

        registry.Dispose();

        Assert.True(registry.IsAvailable("api"));
    }

    [Fact]
    public void A_registry_dropped_without_dispose_can_be_collected_and_its_timer_then_stops()
    {
        var time = new FakeTimeProvider();
        var registry = CreateUnreferencedRegistry(time);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(registry.TryGetTarget(out _));
        time.Advance(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<ConnectionRegistry> CreateUnreferencedRegistry(FakeTimeProvider time)
    {
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) }, time);
        registry.Register("api");
        return new WeakReference<ConnectionRegistry>(registry);
    }
}
