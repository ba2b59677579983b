using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>The four Unsubscribe forms, Subscription.Dispose, and what disposing the registry does to subscribers.</summary>
public class UnsubscribeTests
{
    [Fact]
    public async Task Unsubscribe_subscription_stops_delivery_and_reports_whether_it_was_active()
    {
        using var harness = new PublisherHarness();
        var gone = new EventRecorder();
        var fence = new EventRecorder();
        var subscription = harness.Events.Subscribe(gone.Record);
        using var other = harness.Events.Subscribe(fence.Record);

        harness.PublishSuccess("before");
        await gone.WaitForCountAsync(1);
        Assert.True(harness.Events.Unsubscribe(subscription));
        harness.PublishSuccess("after");
        harness.PublishSuccess("fence");
        await fence.WaitForFenceAsync("fence");
        await subscription.Completion.WaitSignalAsync();

        Assert.False(subscription.IsActive);
        Assert.Equal(["before"], gone.Events.Select(e => e.Connection));
        Assert.False(harness.Events.Unsubscribe(subscription));
        Assert.Equal(1, harness.Events.Count);
    }

    [Fact]
    public async Task Disposing_a_subscription_unsubscribes_it_and_queued_events_are_discarded()
    {
        using var harness = new PublisherHarness();
        using var gate = new SemaphoreSlim(0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new List<string>();
        var subscription = harness.Events.Subscribe(e =>
        {
            handled.Add(e.Connection);
            started.TrySetResult();
            gate.Wait(TestContext.Current.CancellationToken);
        });

        harness.PublishSuccess("first");
        await started.Task.WaitSignalAsync();
        harness.PublishSuccess("queued-1");
        harness.PublishSuccess("queued-2");
        subscription.Dispose();
        gate.Release();
        await subscription.Completion.WaitSignalAsync();

        Assert.Equal(["first"], handled);
        Assert.Equal(0, harness.Events.Count);
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), harness.Wants);
    }

    [Fact]
    public async Task Unsubscribe_handler_ends_all_its_subscriptions_and_no_other()
    {
        using var harness = new PublisherHarness();
        var recorder = new EventRecorder();
        var fence = new EventRecorder();
        Action<BramaEvent> handler = recorder.Record;
        var all = harness.Events.Subscribe(handler);
        var failures = harness.Events.Subscribe(handler, EventFilter.ForEvents(EventType.Failure));
        using var other = harness.Events.Subscribe(fence.Record);

        Assert.Equal(2, harness.Events.Unsubscribe(new Action<BramaEvent>(recorder.Record)));
        harness.PublishSuccess("a");
        harness.PublishSuccess("fence");
        await fence.WaitForFenceAsync("fence");
        await Task.WhenAll(all.Completion, failures.Completion).WaitSignalAsync();

        Assert.Empty(recorder.Events);
        Assert.False(all.IsActive);
        Assert.False(failures.IsActive);
        Assert.True(other.IsActive);
        Assert.Equal(0, harness.Events.Unsubscribe(handler));
    }

    [Fact]
    public void Unsubscribe_handler_and_filter_ends_only_the_subscriptions_with_an_equal_filter()
    {
        using var harness = new PublisherHarness();
        Action<BramaEvent> handler = _ => { };
        var failuresOfA = harness.Events.Subscribe(handler, new EventFilter { Events = [EventType.Failure], Connection = "a" });
        var sameAgain = harness.Events.Subscribe(handler, new EventFilter { Events = [EventType.Failure, EventType.Failure], Connection = "a" });
        var ofB = harness.Events.Subscribe(handler, new EventFilter { Events = [EventType.Failure], Connection = "b" });
        var unfiltered = harness.Events.Subscribe(handler);

        Assert.Equal(2, harness.Events.Unsubscribe(handler, new EventFilter { Connection = "a", Events = [EventType.Failure] }));
        Assert.False(failuresOfA.IsActive);
        Assert.False(sameAgain.IsActive);
        Assert.True(ofB.IsActive);
        Assert.True(unfiltered.IsActive);

        Assert.Equal(1, harness.Events.Unsubscribe(handler, null));
        Assert.False(unfiltered.IsActive);
        Assert.True(ofB.IsActive);
        Assert.Equal(0, harness.Events.Unsubscribe(handler, new EventFilter { Scope = "nowhere" }));
    }

    [Fact]
    public void Unsubscribe_event_handler_instance_ends_its_single_and_batched_subscriptions()
    {
        using var harness = new PublisherHarness();
        var handler = new CountingHandler();
        var single = harness.Events.Subscribe(handler);
        var batched = harness.Events.SubscribeBatched(handler, 10, TimeSpan.FromSeconds(1), EventFilter.ForEvents(EventType.Success));
        var otherInstance = harness.Events.Subscribe(new CountingHandler());

        Assert.Equal(1, harness.Events.Unsubscribe(handler, EventFilter.ForEvents(EventType.Success)));
        Assert.False(batched.IsActive);
        Assert.True(single.IsActive);
        Assert.Equal(1, harness.Events.Unsubscribe(handler));
        Assert.False(single.IsActive);
        Assert.True(otherInstance.IsActive);
    }

    [Fact]
    public void Unsubscribe_batch_handler_ends_its_batched_subscriptions()
    {
        using var harness = new PublisherHarness();
        Action<IReadOnlyList<BramaEvent>> handler = _ => { };
        var first = harness.Events.SubscribeBatched(handler, 10, TimeSpan.FromSeconds(1));
        var second = harness.Events.SubscribeBatched(handler, 5, TimeSpan.FromSeconds(2), new EventFilter { Scope = "s" });

        Assert.Equal(1, harness.Events.Unsubscribe(handler, new EventFilter { Scope = "s" }));
        Assert.False(second.IsActive);
        Assert.Equal(1, harness.Events.Unsubscribe(handler));
        Assert.False(first.IsActive);
    }

    [Fact]
    public async Task Unsubscribe_all_ends_every_subscription_and_stream()
    {
        using var harness = new PublisherHarness();
        var one = harness.Events.Subscribe(_ => { });
        var two = harness.Events.SubscribeBatched(_ => { }, 3, TimeSpan.FromSeconds(1));
        var stream = harness.Events.Stream();
        harness.PublishSuccess("discarded");

        Assert.Equal(3, harness.Events.UnsubscribeAll());

        Assert.False(one.IsActive);
        Assert.False(two.IsActive);
        Assert.False(stream.IsActive);
        Assert.Empty(await FilterTests.ReadAllAsync(stream));
        Assert.Equal(0, harness.Events.Count);
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), harness.Wants);
        Assert.Equal(0, harness.Events.UnsubscribeAll());
    }

    [Fact]
    public async Task Stopping_cancels_the_token_of_an_asynchronous_handler_in_progress()
    {
        using var harness = new PublisherHarness();
        var handler = new HangingHandler();
        var subscription = harness.Events.Subscribe(handler);

        harness.PublishSuccess("a");
        await handler.Entered.Task.WaitSignalAsync();
        subscription.Dispose();
        await handler.Cancelled.Task.WaitSignalAsync();
        await subscription.Completion.WaitSignalAsync();

        Assert.Equal(0, subscription.ExceptionCount);
    }

    [Fact]
    public void Invalid_arguments_are_argument_errors_and_change_nothing()
    {
        using var harness = new PublisherHarness();
        Action<BramaEvent> handler = _ => { };
        var subscription = harness.Events.Subscribe(handler);

        Assert.Throws<ArgumentNullException>("subscription", () => harness.Events.Unsubscribe((Subscription)null!));
        Assert.Throws<ArgumentNullException>("handler", () => harness.Events.Unsubscribe((Action<BramaEvent>)null!));
        Assert.Throws<ArgumentNullException>("handler", () => harness.Events.Unsubscribe((IBramaEventHandler)null!, null));
        Assert.Throws<ArgumentException>("filter", () => harness.Events.Unsubscribe(handler, new EventFilter { Events = [] }));
        Assert.Throws<ArgumentNullException>("handler", () => harness.Events.Subscribe((Action<BramaEvent>)null!));
        Assert.Throws<ArgumentNullException>("handler", () => harness.Events.Subscribe((IBramaEventHandler)null!));
        Assert.Throws<ArgumentOutOfRangeException>("maxBatch", () => harness.Events.SubscribeBatched(_ => { }, 0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>("maxDelay", () => harness.Events.SubscribeBatched(_ => { }, 1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>("maxDelay", () => harness.Events.SubscribeBatched(_ => { }, 1, TimeSpan.FromDays(366)));

        Assert.True(subscription.IsActive);
        Assert.Equal(1, harness.Events.Count);
    }

    [Fact]
    public async Task Disposing_the_registry_stops_handlers_ends_streams_after_their_queue_and_refuses_new_subscriptions()
    {
        var harness = new PublisherHarness();
        var subscription = harness.Events.Subscribe(_ => { });
        var stream = harness.Events.Stream();
        harness.PublishSuccess("a");
        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));

        harness.Dispose();
        await subscription.Completion.WaitSignalAsync();

        Assert.False(subscription.IsActive);
        Assert.False(stream.IsActive);
        Assert.Equal([EventType.Success, EventType.CircuitOpened, EventType.StateChange], await FilterTests.ReadAllAsync(stream));
        Assert.Throws<ObjectDisposedException>(() => harness.Events.Subscribe(_ => { }));
        Assert.Throws<ObjectDisposedException>(() => harness.Events.Stream());
        harness.PublishSuccess("after"); // nothing listens any more, and nothing throws
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), harness.Wants);
    }

    private sealed class CountingHandler : IBramaEventHandler
    {
        public ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class HangingHandler : IBramaEventHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            finally
            {
                Cancelled.TrySetResult();
            }
        }
    }
}
