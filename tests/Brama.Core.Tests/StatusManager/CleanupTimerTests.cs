using System.Runtime.CompilerServices;
using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.StatusManager;

/// <summary>The status manager sweeps on the TimeProvider's timer every CleanupInterval; RunCleanup sweeps now.</summary>
public class CleanupTimerTests
{
    private static readonly BramaOptions EveryTenSeconds = new() { CleanupInterval = TimeSpan.FromSeconds(10) };

    [Fact]
    public void The_timer_sweeps_every_cleanup_interval()
    {
        using var engine = new Engine(EveryTenSeconds);
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
        using var engine = new Engine();
        engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        engine.Signals.Clear();

        engine.Registry.RunCleanup();

        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
    }

    [Fact]
    public void A_sweep_leaves_healthy_connections_untouched()
    {
        using var engine = new Engine(EveryTenSeconds);
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
        using var engine = new Engine(EveryTenSeconds);
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
        using var engine = new Engine(EveryTenSeconds);
        engine.Register(options: Engine.Options(static o => o with { Expiry = TimeSpan.FromSeconds(1) }));
        engine.Registry.Open("api");
        engine.Signals.Clear();

        engine.Registry.Dispose();
        engine.Registry.Dispose();
        engine.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(engine.Signals.All);
    }

    [Fact]
    public void After_dispose_the_registry_keeps_working_and_configure_does_not_restart_the_timer()
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.RegisterOpen();
        engine.Registry.Dispose();
        engine.Registry.Configure(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(1) });
        engine.Signals.Clear();

        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(engine.Signals.All);

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.NotNull(engine.Registry.Register("after-dispose"));
        engine.Registry.Open("after-dispose", null, null, TimeSpan.FromSeconds(1));
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        engine.Signals.Clear();
        engine.Registry.RunCleanup();
        Assert.Equal([EngineSignal.Expired, EngineSignal.HalfOpened], engine.Signals.Kinds);
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

    [Fact]
    public async Task The_timer_does_not_capture_the_execution_context_of_its_creator()
    {
        var ambient = new AsyncLocal<string>();
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        ambient.Value = "request-42";
        using var registry = new ConnectionRegistry(
            new BramaOptions { CleanupInterval = TimeSpan.FromMilliseconds(10) },
            TimeProvider.System,
            new CallbackTap((_, signal) =>
            {
                if (signal == EngineSignal.Expired)
                {
                    seen.TrySetResult(ambient.Value);
                }
            }));
        registry.Register("api");
        registry.Open("api", null, null, TimeSpan.FromTicks(1));

        var value = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Null(value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<ConnectionRegistry> CreateUnreferencedRegistry(FakeTimeProvider time)
    {
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) }, time);
        registry.Register("api");
        return new WeakReference<ConnectionRegistry>(registry);
    }

    private sealed class CallbackTap(Action<Connection, EngineSignal> onSignal) : IEngineSignalTap
    {
        public void OnSignal(Connection connection, EngineSignal signal, in SignalData data) => onSignal(connection, signal);
    }
}
