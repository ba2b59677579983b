using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Events;

/// <summary>
/// A connection keeps the routes it found under the bus's current index, and the registry keeps which signals
/// subscriptions want: both must follow every subscribe and unsubscribe, or a subscriber would miss events or a report
/// would keep publishing for nobody.
/// </summary>
public class RouteCacheTests
{
    [Fact]
    public async Task A_subscription_added_after_a_connection_published_receives_its_next_events()
    {
        using var registry = new ConnectionRegistry(timeProvider: new FakeTimeProvider());
        var connection = registry.Register("api", "eu");
        var elsewhere = new EventRecorder();
        using var other = registry.Events.Subscribe(elsewhere.Record, new EventFilter { Connection = "other" });
        Succeed(connection); // the connection caches "no routes" under the first index

        var byConnection = new EventRecorder();
        var byScope = new EventRecorder();
        var exact = new EventRecorder();
        using var first = registry.Events.Subscribe(byConnection.Record, new EventFilter { Connection = "api", Events = [EventType.Success] });
        using var second = registry.Events.Subscribe(byScope.Record, new EventFilter { Scope = "eu", Events = [EventType.Success] });
        using var third = registry.Events.Subscribe(exact.Record, new EventFilter { Connection = "api", Scope = "eu", Events = [EventType.Success] });
        Succeed(connection);

        await byConnection.WaitForCountAsync(1);
        await byScope.WaitForCountAsync(1);
        await exact.WaitForCountAsync(1);
        Assert.All([byConnection, byScope, exact], r => Assert.Equal(("api", "eu"), (r.Events[0].Connection, r.Events[0].Scope)));
        Assert.Empty(elsewhere.Events);
    }

    [Fact]
    public async Task After_unsubscribing_a_connection_stops_delivering_to_the_old_routes()
    {
        using var registry = new ConnectionRegistry(timeProvider: new FakeTimeProvider());
        var connection = registry.Register("api");
        var gone = new EventRecorder();
        var staying = new EventRecorder();
        var subscription = registry.Events.Subscribe(gone.Record, new EventFilter { Connection = "api", Events = [EventType.Success] });
        using var stays = registry.Events.Subscribe(staying.Record, EventFilter.ForEvents(EventType.Success));
        Succeed(connection);
        await gone.WaitForCountAsync(1);

        subscription.Dispose();
        Succeed(connection);
        Succeed(connection);

        await staying.WaitForCountAsync(3);
        Assert.Single(gone.Events);
    }

    [Fact]
    public void The_registry_wants_the_signals_its_subscriptions_want()
    {
        using var registry = new ConnectionRegistry(timeProvider: new FakeTimeProvider());
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), s => Wants(registry, s));

        var successes = registry.Events.Subscribe(static _ => { }, EventFilter.ForEvents(EventType.Success));
        Assert.Equal([EngineSignal.Succeeded], Enum.GetValues<EngineSignal>().Where(s => Wants(registry, s)));

        var changes = registry.Events.Subscribe(static _ => { }, EventFilter.ForEvents(EventType.StateChange));
        Assert.True(Wants(registry, EngineSignal.Opened));
        Assert.True(Wants(registry, EngineSignal.Succeeded));

        successes.Dispose();
        Assert.False(Wants(registry, EngineSignal.Succeeded));
        Assert.True(Wants(registry, EngineSignal.Closed));

        changes.Dispose();
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), s => Wants(registry, s));
    }

    [Fact]
    public void Disposing_the_registry_clears_the_signals()
    {
        var registry = new ConnectionRegistry(timeProvider: new FakeTimeProvider());
        registry.Events.Subscribe(static _ => { });
        Assert.Contains(Enum.GetValues<EngineSignal>(), s => Wants(registry, s));

        registry.Dispose();

        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), s => Wants(registry, s));
    }

    // No telemetry listener runs beside these tests (telemetry tests run alone), so what is wanted is what subscriptions want.
    private static bool Wants(ConnectionRegistry registry, EngineSignal signal) => registry.Demand.AudienceOf(signal) != SignalAudience.None;

    private static void Succeed(Connection connection)
    {
        Assert.True(connection.TryAcquire(out var permit));
        permit.Complete(Outcome.Success);
    }
}
