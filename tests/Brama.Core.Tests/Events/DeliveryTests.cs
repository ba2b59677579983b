using System.Diagnostics;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>Asynchronous, bounded, per-subscriber delivery: ordering, overflow, and handlers that block or hang.</summary>
public class DeliveryTests
{
    [ThreadStatic]
    private static bool t_publishing;

    [Fact]
    public async Task Handlers_never_run_inside_publish_and_publishing_never_waits_for_them()
    {
        using var harness = new PublisherHarness();
        using var gate = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var insidePublish = 0;
        var recorder = new EventRecorder();
        using var blocked = harness.Events.Subscribe(e =>
        {
            entered.TrySetResult();
            gate.Wait(TestContext.Current.CancellationToken);
        });
        using var fast = harness.Events.Subscribe(e =>
        {
            if (t_publishing)
            {
                Interlocked.Increment(ref insidePublish);
            }

            recorder.Record(e);
        });

        PublishFlagged(harness, 0);
        await entered.Task.WaitSignalAsync();
        for (var i = 1; i <= 100; i++)
        {
            PublishFlagged(harness, i); // returns although the first handler is stuck
        }

        Assert.Equal(Enumerable.Range(0, 101), (await recorder.WaitForCountAsync(101)).Select(e => e.Data.FailureCount));
        Assert.Equal(0, insidePublish);
        gate.Release();

        static void PublishFlagged(PublisherHarness harness, int tag)
        {
            t_publishing = true;
            harness.PublishSuccess("a", tag: tag);
            t_publishing = false;
        }
    }

    [Fact]
    public async Task Handlers_do_not_inherit_the_publisher_or_subscriber_activity()
    {
        using var harness = new PublisherHarness();
        using var activity = new Activity("caller").Start();
        var seen = new TaskCompletionSource<Activity?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = harness.Events.Subscribe(_ => seen.TrySetResult(Activity.Current));

        harness.PublishSuccess("a");

        Assert.Null(await seen.Task.WaitSignalAsync());
    }

    [Fact]
    public async Task Events_of_each_connection_arrive_in_publish_order_under_concurrent_publishers()
    {
        const int Publishers = 4;
        const int PerPublisher = 2_000;
        using var harness = new PublisherHarness(new BramaOptions { EventQueueCapacity = Publishers * PerPublisher * 2 });
        var all = new EventRecorder();
        var one = new EventRecorder();
        using var everything = harness.Events.Subscribe(all.Record);
        using var onlyOne = harness.Events.Subscribe(one.Record, new EventFilter { Connection = "c1", Scope = "s" });
        using var start = new Barrier(Publishers);

        var publishers = Enumerable.Range(0, Publishers).Select(p => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                for (var i = 0; i < PerPublisher; i++)
                {
                    // Every 100th is a transition: guaranteed and per-call events share one order.
                    var signal = i % 100 == 99 ? EngineSignal.Expired : EngineSignal.Succeeded;
                    harness.Publish($"c{p}", "s", signal, Closed(i));
                }
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(publishers).WaitSignalAsync();

        var events = await all.WaitForCountAsync(Publishers * PerPublisher);
        for (var p = 0; p < Publishers; p++)
        {
            Assert.Equal(Enumerable.Range(0, PerPublisher), events.Where(e => e.Connection == $"c{p}").Select(e => e.Data.FailureCount));
        }

        var filtered = await one.WaitForCountAsync(PerPublisher);
        Assert.Equal(Enumerable.Range(0, PerPublisher), filtered.Select(e => e.Data.FailureCount));
        Assert.All(filtered, e => Assert.Equal("c1", e.Connection));
        Assert.Equal(0, everything.DroppedCount);
    }

    [Fact]
    public async Task Overflow_drops_and_counts_per_call_events_while_every_transition_is_delivered()
    {
        using var harness = new PublisherHarness(new BramaOptions { EventQueueCapacity = 4 });
        using var gate = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new EventRecorder();
        var fast = new EventRecorder();
        using var blocked = harness.Events.Subscribe(e =>
        {
            if (e.Connection == "first")
            {
                entered.TrySetResult();
                gate.Wait(TestContext.Current.CancellationToken);
            }

            slow.Record(e);
        });
        using var unaffected = harness.Events.Subscribe(fast.Record, new EventFilter { Connection = "a" });

        harness.PublishSuccess("first");
        await entered.Task.WaitSignalAsync(); // dequeued: the queue is empty and the handler is stuck
        for (var i = 1; i <= 3; i++)
        {
            harness.PublishSuccess("a", tag: i);
        }

        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        for (var i = 4; i <= 8; i++)
        {
            harness.Publish("a", EngineSignal.Failed, Data(CircuitState.Open, CircuitState.Open, failures: i, openings: 1));
        }

        harness.Publish("a", EngineSignal.Expired, Data(CircuitState.Open, CircuitState.Open, openings: 1));
        harness.Publish("a", EngineSignal.HalfOpened, Data(CircuitState.Open, CircuitState.HalfOpen, openings: 1));
        harness.Publish("a", EngineSignal.Closed, Data(CircuitState.HalfOpen, CircuitState.Closed));
        harness.Publish("a", EngineSignal.Reset, Data(CircuitState.Closed, CircuitState.Closed, manual: true));
        harness.PublishSuccess("a", tag: 9);
        harness.Publish("fence", EngineSignal.Reset, Data(CircuitState.Open, CircuitState.Closed, manual: true));

        Assert.Equal(5, blocked.DroppedCount); // failures 5 to 8 and success 9: the queue held successes 1 to 3 and failure 4
        gate.Release();
        var delivered = await slow.WaitForFenceAsync("fence");

        Assert.Equal(
            [
                "first/Success", "a/Success", "a/Success", "a/Success", "a/CircuitOpened", "a/StateChange", "a/Failure",
                "a/Expiry", "a/CircuitHalfOpened", "a/StateChange", "a/CircuitClosed", "a/StateChange", "a/CircuitReset",
            ],
            delivered.Select(e => $"{e.Connection}/{e.Type}"));
        Assert.Equal(4, delivered.Single(e => e.Type == EventType.Failure).Data.FailureCount);

        // The other subscriber has its own queue: whatever it dropped, it got every transition, in order.
        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, "fence", failures: 5, openings: 1));
        var other = await fast.WaitUntilAsync(events => events.Any(e => e.Data.Reason == "fence"));
        Assert.Equal(
            [
                EventType.CircuitOpened, EventType.StateChange, EventType.Expiry, EventType.CircuitHalfOpened, EventType.StateChange,
                EventType.CircuitClosed, EventType.StateChange, EventType.CircuitReset, EventType.CircuitOpened, EventType.StateChange,
            ],
            other.Select(e => e.Type).Where(t => t is not EventType.Success and not EventType.Failure));
        Assert.Equal(9, other.Count(e => e.Type is EventType.Success or EventType.Failure) + unaffected.DroppedCount);
    }

    [Fact]
    public async Task Throwing_handler_is_counted_and_reported_while_calls_and_other_subscribers_go_on()
    {
        var logger = new ListLogger();
        using var harness = new PublisherHarness(new BramaOptions { Logger = logger });
        using var listener = new BramaEventListener();
        var fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = new EventRecorder();
        using var throwing = harness.Events.Subscribe(e =>
        {
            if (e.Connection == "fence")
            {
                fenced.TrySetResult();
                return;
            }

            throw new InvalidOperationException($"handler broke on {e.Data.FailureCount}");
        });
        using var healthy = harness.Events.Subscribe(others.Record);

        for (var i = 1; i <= 5; i++)
        {
            harness.Publish("boom", "s", EngineSignal.Failed, Closed(i)); // never throws into the caller
        }

        harness.PublishSuccess("fence");
        await fenced.Task.WaitSignalAsync();

        Assert.Equal(5, throwing.ExceptionCount);
        Assert.True(throwing.IsActive);
        Assert.Equal(5, (await others.WaitForFenceAsync("fence")).Count);
        var reported = listener.HandlerFailures("'boom' in scope 's'");
        Assert.Equal(5, reported.Count);
        Assert.All(reported, r => Assert.Equal("Failure", r.EventType));
        Assert.Contains("InvalidOperationException: handler broke on 3", reported[2].Exception, StringComparison.Ordinal);
        Assert.Equal(5, logger.Entries.Count);
        Assert.All(logger.Entries, entry =>
        {
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, entry.Level);
            Assert.Equal("EventHandlerFailed", entry.EventId.Name);
            Assert.Equal("A Brama event handler threw while handling Failure of connection 'boom' (scope 's').", entry.Message);
            Assert.IsType<InvalidOperationException>(entry.Exception);
        });
    }

    [Fact]
    public async Task Hanging_handler_stalls_only_itself()
    {
        using var harness = new PublisherHarness();
        using var never = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = new EventRecorder();
        using var hanging = harness.Events.Subscribe(_ =>
        {
            entered.TrySetResult();
            never.Wait(TestContext.Current.CancellationToken);
        });
        using var healthy = harness.Events.Subscribe(others.Record);
        using var stream = harness.Events.Stream();

        for (var i = 0; i < 50; i++)
        {
            harness.PublishSuccess("a", tag: i);
        }

        await entered.Task.WaitSignalAsync();
        Assert.Equal(Enumerable.Range(0, 50), (await others.WaitForCountAsync(50)).Select(e => e.Data.FailureCount));
        var streamed = 0;
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            Assert.Equal(streamed, e.Data.FailureCount);
            if (++streamed == 50)
            {
                break;
            }
        }

        never.Release();
    }

    [Fact]
    public void Publishing_allocates_nothing_when_no_subscription_matches()
    {
        using var harness = new PublisherHarness();
        using var otherConnection = harness.Events.Subscribe(_ => { }, new EventFilter { Connection = "other" });
        using var otherScope = harness.Events.Subscribe(_ => { }, new EventFilter { Scope = "other" });
        using var otherBoth = harness.Events.Subscribe(_ => { }, new EventFilter { Connection = "a", Scope = "other" });
        using var otherType = harness.Events.Subscribe(_ => { }, EventFilter.ForEvents(EventType.Expiry));
        var data = Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1);
        Assert.True(harness.Wants(EngineSignal.Opened));

        PublishMany(harness, data); // warm up: JIT, dictionary comparers
        var before = GC.GetAllocatedBytesForCurrentThread();
        PublishMany(harness, data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, otherConnection.DroppedCount);

        static void PublishMany(PublisherHarness harness, SignalData data)
        {
            for (var i = 0; i < 1_000; i++)
            {
                harness.Publish("a", "s", EngineSignal.Opened, data);
                harness.Publish("a", null, EngineSignal.Succeeded, Closed());
            }
        }
    }
}
