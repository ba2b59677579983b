using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>A handle whose connection was unregistered or cleaned up: IsRegistered false, never throws, never leaks.</summary>
public class DetachedHandleTests
{
    [Fact]
    public void Every_operation_on_a_detached_handle_works_without_throwing()
    {
        using var engine = new Engine();
        var detached = engine.Register();
        engine.Registry.Unregister("api");

        Assert.False(detached.IsRegistered);
        Assert.True(detached.TryAcquire(out var permit));
        permit.Complete(Outcome.Failure());
        Assert.False(detached.ReportFailure("x"));
        Assert.False(detached.ReportSuccess());
        Assert.Equal(CircuitState.Closed, detached.State);
        Assert.True(detached.IsAvailable);
        Assert.Equal("api", detached.GetStatus().Identifier);
    }

    [Fact]
    public void A_detached_handle_keeps_its_own_circuit_and_does_not_affect_the_new_registration()
    {
        using var engine = new Engine();
        var detached = engine.Register();
        var inFlight = Engine.Acquire(detached);
        engine.Registry.Unregister("api");
        var renewed = engine.Register();

        Engine.Trip(detached);
        inFlight.Complete(Outcome.Failure());

        Assert.Equal(CircuitState.Open, detached.State);
        Assert.Equal(CircuitState.Closed, renewed.State);
        Assert.Equal(0, renewed.GetStatus().FailureCount);
        Assert.True(engine.Registry.IsAvailable("api"));
    }

    [Fact]
    public void A_detached_handle_publishes_nothing_after_its_unregistration()
    {
        using var engine = new Engine(recordSignals: true);
        var detached = engine.Register();
        engine.Signals.Clear();

        engine.Registry.Unregister("api");
        Engine.Trip(detached);
        detached.ReportSuccess();

        Assert.Equal([EngineSignal.Unregistered], engine.Signals.Kinds);
    }

    [Fact]
    public void Unregistering_the_new_registration_leaves_an_old_handle_detached()
    {
        using var engine = new Engine();
        var first = engine.Register();
        engine.Registry.Unregister("api");
        var second = engine.Register();

        Assert.True(engine.Registry.Unregister("api"));

        Assert.False(first.IsRegistered);
        Assert.False(second.IsRegistered);
        Assert.False(engine.Registry.Unregister("api"));
    }

    [Fact]
    public void A_handle_removed_by_cleanup_is_detached_and_resolving_again_registers_anew()
    {
        using var engine = new Engine();
        var options = Engine.Options(static o => o with { InactivityTimeout = TimeSpan.FromSeconds(1) });
        var handle = engine.Register(options: options);
        engine.Time.Advance(TimeSpan.FromSeconds(2));
        engine.Registry.RunCleanup();

        var resolved = handle.IsRegistered ? handle : engine.Registry.GetOrRegister(handle.Identifier, handle.Scope, handle.Options);

        Assert.NotSame(handle, resolved);
        Assert.True(resolved.IsRegistered);
        Assert.Same(options, resolved.Options);
    }
}
