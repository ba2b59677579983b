using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Brama.Benchmarks;

/// <summary>
/// P6: the cost a successful call pays for the event system, with no subscriber, with a subscriber whose filter does
/// not match, and with a matching one; and how many events per second reach a subscriber.
/// </summary>
[MemoryDiagnoser]
public class EventBenchmarks
{
    private const int DeliveredBatch = 100_000;

    private ConnectionRegistry _quiet = null!;
    private ConnectionRegistry _nonMatching = null!;
    private ConnectionRegistry _matching = null!;
    private ConnectionRegistry _delivering = null!;
    private Connection _quietConnection = null!;
    private Connection _nonMatchingConnection = null!;
    private Connection _matchingConnection = null!;
    private Connection _deliveringConnection = null!;
    private readonly DeliveryCounter _counter = new();

    [GlobalSetup]
    public void Setup()
    {
        _quiet = new ConnectionRegistry();
        _quietConnection = _quiet.Register("bench_events");

        _nonMatching = new ConnectionRegistry();
        _nonMatchingConnection = _nonMatching.Register("bench_events");
        _nonMatching.Events.Subscribe(static _ => { }, new EventFilter { Connection = "another_connection" });

        _matching = new ConnectionRegistry();
        _matchingConnection = _matching.Register("bench_events");
        _matching.Events.Subscribe(static _ => { }, EventFilter.ForEvents(EventType.Success));

        _delivering = new ConnectionRegistry(new BramaOptions { EventQueueCapacity = DeliveredBatch });
        _deliveringConnection = _delivering.Register("bench_events");
        var counter = _counter;
        _delivering.Events.Subscribe(_ => counter.Received(), EventFilter.ForEvents(EventType.Success));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _quiet.Dispose();
        _nonMatching.Dispose();
        _matching.Dispose();
        _delivering.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool NoSubscriber() => Call(_quietConnection);

    [Benchmark]
    public bool NonMatchingSubscriber() => Call(_nonMatchingConnection);

    [Benchmark]
    public bool MatchingSubscriber() => Call(_matchingConnection);

    /// <summary>Publishes a batch of Success events and waits until the subscriber has handled all of them.</summary>
    [Benchmark(OperationsPerInvoke = DeliveredBatch)]
    public void DeliveredToSubscriber()
    {
        var connection = _deliveringConnection;
        for (var i = 0; i < DeliveredBatch; i++)
        {
            Call(connection);
        }

        _counter.WaitForBatch();
    }

    private static bool Call(Connection connection)
    {
        if (!connection.TryAcquire(out var permit))
        {
            return false;
        }

        permit.Complete(Outcome.Success);
        return true;
    }

    /// <summary>
    /// Written by the subscriber's loop only; padded so that it shares no cache line with anything the reporting thread
    /// reads (false sharing would be measured as delivery cost).
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private sealed class DeliveryCounter
    {
        [FieldOffset(0)]
        private readonly SemaphoreSlim _batchDelivered = new(0);

        [FieldOffset(128)]
        private int _received;

        public void Received()
        {
            if (++_received == DeliveredBatch)
            {
                _received = 0;
                _batchDelivered.Release();
            }
        }

        public void WaitForBatch() => _batchDelivered.Wait();
    }
}
