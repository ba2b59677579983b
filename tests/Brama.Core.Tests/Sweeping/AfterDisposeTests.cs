using Brama.Core.Tests.Support;
using Brama.Core.Tests.Telemetry;

namespace Brama.Core.Tests.Sweeping;

/// <summary>
/// After Dispose no event is delivered, so what the engine still does is seen through the transition metric, which keeps
/// counting; metrics listeners are process-wide, so these tests run alone.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class AfterDisposeTests
{
    [Fact]
    public void After_dispose_the_registry_keeps_working_and_configure_does_not_restart_the_timer()
    {
        using var metrics = new MetricsCapture("brama.circuit.transitions");
        using var engine = new Engine(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) });
        var connection = engine.RegisterOpen("after-dispose-api");
        engine.Registry.Dispose();
        engine.Registry.Configure(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(1) });
        var opened = metrics.Of("after-dispose-api").Count;

        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(opened, metrics.Of("after-dispose-api").Count);

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.NotNull(engine.Registry.Register("after-dispose"));
        engine.Registry.Open("after-dispose", null, null, TimeSpan.FromSeconds(1));
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        engine.Registry.RunCleanup();

        Assert.Equal(
            [
                "brama.circuit.transitions 1 brama.connection=after-dispose,brama.state.from=closed,brama.state.to=open",
                "brama.circuit.transitions 1 brama.connection=after-dispose,brama.state.from=open,brama.state.to=half_open",
            ],
            metrics.Of("after-dispose").Select(static m => m.ToString()));
    }
}
