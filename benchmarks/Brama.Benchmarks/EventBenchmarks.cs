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
    private readonly SemaphoreSlim _batchDelivered = new(0);
    private int _received;

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
        _delivering.Events.Subscribe(
            _ =>
            {
                if (++_received == DeliveredBatch)
                {
                    _received = 0;
                    _batchDelivered.Release();
                }
            },
            EventFilter.ForEvents(EventType.Success));
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
        for (var i = 0; i < DeliveredBatch; i++)
        {
            Call(_deliveringConnection);
        }

        _batchDelivered.Wait();
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
}
