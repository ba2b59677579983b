using System.Collections.Concurrent;
using Brama.Core.Tests.Events;
using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Reliability;

/// <summary>
/// Misbehaving subscribers (throwing, blocking, unsubscribing during delivery) and a registry disposed in the middle of
/// traffic: calls and other connections go on, and a well-behaved subscriber still gets every transition.
/// </summary>
public sealed class FaultIsolationTests
{
    private const int Callers = 4;
    private static readonly int CallsPerCaller = TestScale.Of(full: 50_000, quick: 5_000);

    private static readonly ConnectionOptions Flapping = new()
    {
        MaxAttempts = 3,
        Expiry = TimeSpan.FromMilliseconds(1),
        InactivityTimeout = null,
    };

    [Fact]
    public async Task Throwing_blocking_and_self_removing_subscribers_break_neither_calls_nor_other_subscribers()
    {
        using var registry = new ConnectionRegistry(new BramaOptions { EventQueueCapacity = 16 }, TimeProvider.System);
        using var tap = new TransitionRecorder(registry);
        var connections = new[] { registry.Register("a", null, Flapping), registry.Register("b", "eu", Flapping) };
        using var release = new ManualResetEventSlim();
        Subscription? selfRemoving = null;
        var selfRemovingCalls = 0;

        using var throwing = registry.Events.Subscribe(static _ => throw new InvalidOperationException("subscriber bug"));
        using var blocking = registry.Events.Subscribe(_ => release.Wait(TestContext.Current.CancellationToken));
        selfRemoving = registry.Events.Subscribe(_ =>
        {
            Interlocked.Increment(ref selfRemovingCalls);
            registry.Events.Unsubscribe(selfRemoving!);
        });
        var transitions = new EventRecorder();
        using var wellBehaved = registry.Events.Subscribe(transitions.Record, EventFilter.ForEvents(EventType.StateChange));

        await RunCallers(connections);
        registry.Open("a", reason: "hold", expiry: ConnectionOptions.MaxTime);
        registry.Open("b", "eu", reason: "hold", expiry: ConnectionOptions.MaxTime);

        var expected = tap.Of("a").Count + tap.Of("b").Count;
        Assert.True(expected >= 4, $"only {expected} transitions happened");
        var delivered = await transitions.WaitForCountAsync(expected);
        foreach (var identifier in new[] { "a", "b" })
        {
            Assert.Equal(
                tap.Of(identifier),
                delivered.Where(e => e.Connection == identifier).Select(static e => (e.Data.PreviousState, e.Data.NewState)));
        }

        // Each subscription has its own dispatcher: the throwing one may still be behind the well-behaved one.
        Assert.True(SpinWait.SpinUntil(() => throwing.ExceptionCount > 0, TimeSpan.FromSeconds(30)));
        Assert.True(throwing.IsActive);
        Assert.True(blocking.DroppedCount > 0);
        Assert.True(SpinWait.SpinUntil(() => !selfRemoving.IsActive, TimeSpan.FromSeconds(30))); // its own dispatcher, too
        Assert.Equal(1, Volatile.Read(ref selfRemovingCalls));
        Assert.Equal(0, wellBehaved.ExceptionCount);
        Assert.Equal(0, wellBehaved.DroppedCount);
        release.Set();
    }

    [Fact]
    public async Task Disposing_the_registry_during_traffic_breaks_no_call()
    {
        var time = new FakeTimeProvider();
        var registry = new ConnectionRegistry(timeProvider: time);
        var connection = registry.Register("a", null, Flapping with { Expiry = TimeSpan.FromSeconds(5) });
        var received = 0;
        registry.Events.Subscribe(_ => Interlocked.Increment(ref received));
        var failures = new ConcurrentQueue<Exception>();
        using var started = new CountdownEvent(Callers);

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Factory.StartNew(
            () =>
            {
                started.Signal();
                for (var i = 0; i < CallsPerCaller; i++)
                {
                    try
                    {
                        if (connection.TryAcquire(out var permit))
                        {
                            permit.Complete((i + caller) % 5 == 0 ? Outcome.Failure("down") : Outcome.Success);
                        }
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue(e);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        started.Wait(TestContext.Current.CancellationToken);
        registry.Dispose();
        await Task.WhenAll(callers);

        Assert.Empty(failures);

        // After disposal the state machine still runs: trip, heal on a touch, close with a probe.
        registry.Reset("a");
        for (var i = 0; i < Flapping.MaxAttempts; i++)
        {
            Assert.True(connection.TryAcquire(out var permit));
            permit.Complete(Outcome.Failure("down"));
        }

        Assert.Equal(CircuitState.Open, connection.State);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(connection.TryAcquire(out var probe));
        Assert.True(probe.IsProbe);
        probe.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.Throws<ObjectDisposedException>(() => registry.Events.Subscribe(static _ => { }));
    }

    private static async Task RunCallers(Connection[] connections)
    {
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < CallsPerCaller; i++)
                {
                    var connection = connections[(i + caller) & 1];
                    if (connection.TryAcquire(out var permit))
                    {
                        var failing = ((i / 100) & 1) == 1;
                        permit.Complete(failing ? Outcome.Failure("down") : Outcome.Success);
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);
    }
}
