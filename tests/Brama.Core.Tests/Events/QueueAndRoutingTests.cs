using Microsoft.Extensions.Time.Testing;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>
/// Routing with several filtered subscriptions of one kind, the bounded queue after a drop, the timestamp shared by
/// the events of one action, and what a stream disposed after its registry still yields.
/// </summary>
public sealed class QueueAndRoutingTests
{
    [Fact]
    public void Subscriptions_filtered_on_different_connections_each_get_their_connection()
    {
        using var harness = new PublisherHarness();
        using var a = harness.Events.Stream(new EventFilter { Connection = "a" });
        using var b = harness.Events.Stream(new EventFilter { Connection = "b" });

        harness.PublishSuccess("a");
        harness.PublishSuccess("b", "eu");
        harness.PublishSuccess("c");

        Assert.Equal(["a"], Queued(a));
        Assert.Equal(["b/eu"], Queued(b));
    }

    [Fact]
    public void Subscriptions_filtered_on_different_scopes_each_get_their_scope()
    {
        using var harness = new PublisherHarness();
        using var eu = harness.Events.Stream(new EventFilter { Scope = "eu" });
        using var us = harness.Events.Stream(new EventFilter { Scope = "us" });

        harness.PublishSuccess("a", "eu");
        harness.PublishSuccess("b", "us");
        harness.PublishSuccess("c");

        Assert.Equal(["a/eu"], Queued(eu));
        Assert.Equal(["b/us"], Queued(us));
    }

    [Fact]
    public void Subscriptions_filtered_on_different_connections_and_scopes_each_get_their_pair()
    {
        using var harness = new PublisherHarness();
        using var aEu = harness.Events.Stream(new EventFilter { Connection = "a", Scope = "eu" });
        using var bUs = harness.Events.Stream(new EventFilter { Connection = "b", Scope = "us" });

        harness.PublishSuccess("a", "eu");
        harness.PublishSuccess("a", "us");
        harness.PublishSuccess("b", "us");

        Assert.Equal(["a/eu"], Queued(aEu));
        Assert.Equal(["b/us"], Queued(bUs));
    }

    [Fact]
    public void A_slot_freed_by_reading_takes_the_next_event_after_a_drop()
    {
        using var harness = new PublisherHarness(new BramaOptions { EventQueueCapacity = 2 });
        using var stream = harness.Events.Stream();

        harness.PublishSuccess("q", tag: 1);
        harness.PublishSuccess("q", tag: 2);
        harness.PublishSuccess("q", tag: 3);
        Assert.Equal(1, stream.DroppedCount);
        Assert.True(stream.Subscription.TryDequeue(out var first));
        harness.PublishSuccess("q", tag: 4);

        Assert.Equal(1, stream.DroppedCount);
        Assert.Equal(1, first.Data.FailureCount);
        Assert.Equal(["q", "q"], Queued(stream));
    }

    [Fact]
    public void The_events_of_one_action_share_one_timestamp()
    {
        using var harness = new PublisherHarness();
        using var stream = harness.Events.Stream();
        harness.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);

        harness.Publish("stamped", EngineSignal.Registered, Closed());

        Assert.True(stream.Subscription.TryDequeue(out var registration));
        Assert.True(stream.Subscription.TryDequeue(out var registered));
        Assert.Equal((EventType.Registration, EventType.ConnectionRegistered), (registration.Type, registered.Type));
        Assert.Equal(registration.Timestamp, registered.Timestamp);
    }

    [Fact]
    public async Task A_stream_disposed_after_its_registry_discards_what_was_queued()
    {
        var registry = new ConnectionRegistry(timeProvider: new FakeTimeProvider());
        var disposed = registry.Events.Stream(EventFilter.ForEvents(EventType.ConnectionRegistered));
        using var kept = registry.Events.Stream(EventFilter.ForEvents(EventType.ConnectionRegistered));
        registry.Register("a");
        registry.Dispose();

        disposed.Dispose();

        Assert.False(disposed.IsActive);
        Assert.Empty(await ReadToEndAsync(disposed));
        Assert.Equal(["a"], (await ReadToEndAsync(kept)).Select(static e => e.Connection));
    }

    [Fact]
    public void A_stream_runs_no_dispatch_loop()
    {
        using var harness = new PublisherHarness();

        using var stream = harness.Events.Stream();

        Assert.True(stream.Subscription.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_batched_interface_handler_is_checked_like_a_delegate()
    {
        using var harness = new PublisherHarness();
        var handler = new NullHandler();

        Assert.Equal("handler", Assert.Throws<ArgumentNullException>(() => harness.Events.SubscribeBatched((IBramaEventHandler)null!, 10, TimeSpan.FromSeconds(1))).ParamName);
        Assert.Equal("maxBatch", Assert.Throws<ArgumentOutOfRangeException>(() => harness.Events.SubscribeBatched(handler, 0, TimeSpan.FromSeconds(1))).ParamName);
        Assert.Equal("maxDelay", Assert.Throws<ArgumentOutOfRangeException>(() => harness.Events.SubscribeBatched(handler, 10, TimeSpan.Zero)).ParamName);
        Assert.Equal(0, harness.Events.Count);
    }

    [Fact]
    public async Task The_default_batch_handling_rejects_a_null_batch()
    {
        IBramaEventHandler handler = new NullHandler();

        var exception = await Assert.ThrowsAsync<ArgumentNullException>(async () => await handler.HandleBatchAsync(null!, TestContext.Current.CancellationToken));

        Assert.Equal("batch", exception.ParamName);
    }

    private static List<string> Queued(EventStream stream)
    {
        var queued = new List<string>();
        while (stream.Subscription.TryDequeue(out var bramaEvent))
        {
            queued.Add(bramaEvent.Scope is null ? bramaEvent.Connection : $"{bramaEvent.Connection}/{bramaEvent.Scope}");
        }

        return queued;
    }

    private static async Task<List<BramaEvent>> ReadToEndAsync(EventStream stream)
    {
        var events = new List<BramaEvent>();
        await foreach (var bramaEvent in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            events.Add(bramaEvent);
        }

        return events;
    }

    private sealed class NullHandler : IBramaEventHandler
    {
        public ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
