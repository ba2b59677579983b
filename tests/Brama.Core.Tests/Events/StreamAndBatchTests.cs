using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>The stream (mailbox) form and batched delivery, with the batch delay driven by the fake clock.</summary>
public class StreamAndBatchTests
{
    [Fact]
    public async Task Stream_yields_events_as_they_are_published_and_ends_when_disposed()
    {
        using var harness = new PublisherHarness();
        var stream = harness.Events.Stream(new EventFilter { Connection = "a" });
        await using var enumerator = stream.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        var next = enumerator.MoveNextAsync().AsTask();
        harness.PublishSuccess("a", tag: 1);
        Assert.True(await next.WaitSignalAsync());
        Assert.Equal(1, enumerator.Current.Data.FailureCount);

        harness.PublishSuccess("b");
        harness.Publish("a", EngineSignal.Failed, Closed(2));
        Assert.True(await enumerator.MoveNextAsync().AsTask().WaitSignalAsync());
        Assert.Equal((EventType.Failure, 2), (enumerator.Current.Type, enumerator.Current.Data.FailureCount));

        next = enumerator.MoveNextAsync().AsTask();
        await stream.DisposeAsync();
        Assert.False(await next.WaitSignalAsync());
        Assert.False(stream.IsActive);
        Assert.Equal(0, harness.Events.Count);
    }

    [Fact]
    public async Task Stream_enumeration_stops_with_its_cancellation_token()
    {
        using var harness = new PublisherHarness();
        using var stream = harness.Events.Stream();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var received = new List<string>();

        var reading = Task.Run(
            async () =>
            {
                await foreach (var e in stream.WithCancellation(cancellation.Token))
                {
                    received.Add(e.Connection);
                    await cancellation.CancelAsync();
                }
            },
            TestContext.Current.CancellationToken);
        harness.PublishSuccess("a");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitSignalAsync());
        Assert.Equal(["a"], received);
        Assert.True(stream.IsActive);
    }

    [Fact]
    public async Task Stream_that_falls_behind_drops_per_call_events_but_keeps_transitions()
    {
        var harness = new PublisherHarness(new BramaOptions { EventQueueCapacity = 3 });
        var stream = harness.Events.Stream();

        for (var i = 0; i < 5; i++)
        {
            harness.PublishSuccess("a", tag: i);
        }

        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        harness.PublishSuccess("a", tag: 99);
        harness.Dispose();

        Assert.Equal(
            [EventType.Success, EventType.Success, EventType.Success, EventType.CircuitOpened, EventType.StateChange],
            await FilterTests.ReadAllAsync(stream));
        Assert.Equal(3, stream.DroppedCount);
    }

    [Fact]
    public async Task Batch_is_delivered_as_soon_as_it_holds_max_batch_events()
    {
        using var harness = new PublisherHarness();
        var batches = new BatchRecorder(harness.Time);
        using var subscription = harness.Events.SubscribeBatched(batches.Record, maxBatch: 3, maxDelay: TimeSpan.FromHours(1));

        for (var i = 1; i <= 7; i++)
        {
            harness.PublishSuccess("a", tag: i);
        }

        var delivered = await batches.WaitForBatchesAsync(2);
        Assert.Equal([[1, 2, 3], [4, 5, 6]], delivered.Select(b => b.Select(e => e.Data.FailureCount).ToArray()));

        harness.Time.Advance(TimeSpan.FromHours(1));
        delivered = await batches.WaitForBatchesAsync(3);
        Assert.Equal([7], delivered[2].Select(e => e.Data.FailureCount));
    }

    [Fact]
    public async Task Batch_is_delivered_max_delay_after_its_first_event_happened()
    {
        using var harness = new PublisherHarness();
        var batches = new BatchRecorder(harness.Time);
        using var subscription = harness.Events.SubscribeBatched(batches.Record, maxBatch: 100, maxDelay: TimeSpan.FromSeconds(5));

        harness.PublishSuccess("a", tag: 1);
        harness.PublishSuccess("a", tag: 2);
        harness.Time.Advance(TimeSpan.FromSeconds(4));
        harness.PublishSuccess("a", tag: 3);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var delivered = await batches.WaitForBatchesAsync(1);

        // Nothing went out at 4 s: the one batch holds all three, and it went out at 5 s, not later.
        Assert.Equal([1, 2, 3], delivered[0].Select(e => e.Data.FailureCount));
        Assert.Equal(Start.AddSeconds(5), batches.DeliveredAt[0]);

        harness.PublishSuccess("a", tag: 4);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        delivered = await batches.WaitForBatchesAsync(2);
        Assert.Equal([4], delivered[1].Select(e => e.Data.FailureCount));
    }

    [Fact]
    public async Task Batch_with_a_max_delay_longer_than_a_timer_takes_is_still_delivered_on_time()
    {
        using var harness = new PublisherHarness();
        var batches = new BatchRecorder(harness.Time);
        using var subscription = harness.Events.SubscribeBatched(batches.Record, maxBatch: 100, maxDelay: TimeSpan.FromDays(300));

        harness.PublishSuccess("a", tag: 1);

        // Day by day, letting the delivery loop run in between: it must arm its timer in steps of at most ~49.7 days.
        for (var day = 0; day < 300; day++)
        {
            harness.Time.Advance(TimeSpan.FromDays(1));
            await Task.Yield();
        }

        var delivered = await batches.WaitForBatchesAsync(1);
        Assert.Equal([1], delivered[0].Select(e => e.Data.FailureCount));
        Assert.Equal(Start.AddDays(300), batches.DeliveredAt[0]);
        Assert.Equal(0, subscription.ExceptionCount);
    }

    [Fact]
    public async Task Event_handler_receives_batches_through_its_batch_method()
    {
        using var harness = new PublisherHarness();
        var handler = new BatchHandler();
        using var subscription = harness.Events.SubscribeBatched(handler, maxBatch: 2, maxDelay: TimeSpan.FromMinutes(1), EventFilter.ForEvents(EventType.Failure));

        harness.PublishSuccess("a");
        harness.Publish("a", EngineSignal.Failed, Closed(1));
        harness.Publish("b", EngineSignal.Failed, Closed(2));
        var batch = await handler.Batches.Task.WaitSignalAsync();

        Assert.Equal([("a", 1), ("b", 2)], batch.Select(e => (e.Connection, e.Data.FailureCount)));
    }

    [Fact]
    public async Task Default_batch_method_hands_each_event_to_the_single_event_method_in_order()
    {
        IBramaEventHandler handler = new ListHandler();
        BramaEvent[] batch =
        [
            new(EventType.Success, Start, "a", null, default),
            new(EventType.Failure, Start, "a", null, default),
        ];

        await handler.HandleBatchAsync(batch, TestContext.Current.CancellationToken);

        Assert.Equal(batch, ((ListHandler)handler).Handled);
    }

    [Fact]
    public async Task Throwing_batch_handler_is_counted_once_per_batch_and_keeps_receiving()
    {
        using var harness = new PublisherHarness();
        var calls = 0;
        var second = new TaskCompletionSource<IReadOnlyList<BramaEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = harness.Events.SubscribeBatched(
            batch =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("first batch");
                }

                second.TrySetResult(batch);
            },
            maxBatch: 2,
            maxDelay: TimeSpan.FromMinutes(1));

        for (var i = 1; i <= 4; i++)
        {
            harness.PublishSuccess("a", tag: i);
        }

        Assert.Equal([3, 4], (await second.Task.WaitSignalAsync()).Select(e => e.Data.FailureCount));
        Assert.Equal(1, subscription.ExceptionCount);
    }

    private sealed class BatchRecorder
    {
        private readonly object _gate = new();
        private readonly List<IReadOnlyList<BramaEvent>> _batches = [];
        private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

        private readonly TimeProvider _time;

        public BatchRecorder(TimeProvider time) => _time = time;

        /// <summary>The fake clock when each batch was handed over.</summary>
        public List<DateTimeOffset> DeliveredAt { get; } = [];

        public void Record(IReadOnlyList<BramaEvent> batch)
        {
            lock (_gate)
            {
                _batches.Add(batch);
                DeliveredAt.Add(_time.GetUtcNow());
                foreach (var waiter in _waiters.Where(w => _batches.Count >= w.Count))
                {
                    waiter.Signal.TrySetResult();
                }
            }
        }

        public async Task<List<IReadOnlyList<BramaEvent>>> WaitForBatchesAsync(int count)
        {
            TaskCompletionSource signal;
            lock (_gate)
            {
                if (_batches.Count >= count)
                {
                    return [.. _batches];
                }

                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, signal));
            }

            await signal.Task.WaitSignalAsync();
            lock (_gate)
            {
                return [.. _batches];
            }
        }
    }

    private sealed class BatchHandler : IBramaEventHandler
    {
        public TaskCompletionSource<IReadOnlyList<BramaEvent>> Batches { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A batched subscription calls HandleBatchAsync.");

        public ValueTask HandleBatchAsync(IReadOnlyList<BramaEvent> batch, CancellationToken cancellationToken)
        {
            Batches.TrySetResult(batch);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ListHandler : IBramaEventHandler
    {
        public List<BramaEvent> Handled { get; } = [];

        public ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken)
        {
            Handled.Add(bramaEvent);
            return ValueTask.CompletedTask;
        }
    }
}
