using System.Collections.Concurrent;
using Brama.Core.Tests.Events;
using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Concurrency;

/// <summary>
/// Several threads make a million calls through a dependency that flaps between healthy and failing, with fake and with
/// real time, next to a steady connection. Every transition the engine makes must reach a StateChange subscriber exactly
/// once and in order, the probe limit and the counts must hold at every look, no permit may stay in flight, and the run
/// must leave no memory behind.
/// </summary>
[Collection(HeapMeasurementCollection.Name)]
public sealed class FlappingDependencyStressTests
{
    private static readonly int TotalCalls = TestScale.Of(full: 1_000_000, quick: 40_000);
    private const int MaxProbes = 3;

    [Theory]
    [InlineData(2, false)]
    [InlineData(4, false)]
    [InlineData(8, false)]
    [InlineData(2, true)]
    [InlineData(8, true)]
    public async Task A_million_calls_through_a_flapping_dependency_keep_every_invariant(int threads, bool realTime)
    {
        var fakeTime = realTime ? null : new FakeTimeProvider();
        using var registry = new ConnectionRegistry(
            new BramaOptions { CleanupInterval = TimeSpan.FromMilliseconds(realTime ? 5 : 50) },
            (TimeProvider?)fakeTime ?? TimeProvider.System);
        using var transitions = new TransitionRecorder(registry);
        var options = new ConnectionOptions
        {
            MaxAttempts = 5,
            Expiry = TimeSpan.FromMilliseconds(realTime ? 1 : 20),
            HalfOpenMaxCalls = MaxProbes,
            SuccessesToClose = 2,
            ProbeTimeout = ConnectionOptions.MaxTime,
            InactivityTimeout = null,
        };
        var flapping = registry.Register("flapping", null, options);
        var steady = registry.Register("steady", null, options);
        var delivered = new EventRecorder();
        using var subscription = registry.Events.Subscribe(delivered.Record, EventFilter.ForEvents(EventType.StateChange));

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var violations = new ConcurrentQueue<string>();
        var callers = Enumerable.Range(0, threads).Select(thread => Task.Factory.StartNew(
            () => Call(thread, TotalCalls / threads, flapping, steady, violations, fakeTime),
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);

        Assert.Empty(violations);
        foreach (var connection in new[] { flapping, steady })
        {
            var status = connection.GetStatus();
            Assert.Equal(0, status.ProbesInFlight);
            Assert.InRange(status.FailureCount, 0, options.MaxAttempts);
        }

        // Hold the circuit open for good, so that no sweep changes it while the deliveries are compared.
        registry.Open("flapping", reason: "run over", expiry: ConnectionOptions.MaxTime);
        var expected = transitions.Of("flapping");
        Assert.True(expected.Count >= (realTime ? 2 : TestScale.Of(full: 20, quick: 2)), $"the dependency flapped only {expected.Count} times");
        Assert.Empty(transitions.Of("steady"));
        await delivered.WaitForCountAsync(expected.Count);
        var events = delivered.Events.Where(static e => e.Connection == "flapping").Select(static e => (e.Data.PreviousState, e.Data.NewState)).ToArray();
        Assert.Equal(expected, events);
        for (var i = 1; i < events.Length; i++)
        {
            Assert.Equal(events[i - 1].NewState, events[i].PreviousState);
        }

        Assert.DoesNotContain(delivered.Events, static e => e.Connection == "steady");
        Assert.Equal(0, subscription.DroppedCount);

        delivered.Clear();
        transitions.Clear();
        // Mutation testing instruments the code and records coverage in memory, so memory is only judged in a full run.
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(TestScale.IsQuick || memoryAfter - memoryBefore < 1_000_000, $"the run kept {memoryAfter - memoryBefore} bytes");
    }

    private static void Call(
        int thread, int calls, Connection flapping, Connection steady, ConcurrentQueue<string> violations, FakeTimeProvider? fakeTime)
    {
        for (var i = 0; i < calls; i++)
        {
            // On fake time the callers move the clock themselves, so that time passes in step with the calls.
            if (fakeTime is not null && (i & 63) == 0)
            {
                fakeTime.Advance(TimeSpan.FromMilliseconds(1));
            }

            // Healthy for 1,500 calls, failing for 500, offset per thread so the threads disagree at the edges.
            var failing = ((i + (thread * 377)) / 500) % 4 == 3;
            var connection = (i & 7) == 0 ? steady : flapping;
            if (!connection.TryAcquire(out var permit))
            {
                continue;
            }

            if (permit.IsProbe)
            {
                var probes = connection.GetStatus().ProbesInFlight;
                // A held probe may already be stale (another probe reopened the circuit), so only the limit is checked.
                if (probes > MaxProbes)
                {
                    violations.Enqueue($"{probes} probes in flight (limit {MaxProbes})");
                }
            }

            permit.Complete(connection == flapping && failing ? Outcome.Failure("flapping") : Outcome.Success);
        }
    }
}
