using System.Runtime.InteropServices;
using System.Threading.Channels;
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
    private readonly DeliveryCounter _floorCounter = new();
    private Channel<BramaEvent> _floorChannel = null!;
    private Task _floorReader = null!;

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

        _floorChannel = Channel.CreateUnbounded<BramaEvent>(new UnboundedChannelOptions { SingleReader = true });
        _floorReader = ReadFloorAsync(_floorChannel.Reader, _floorCounter);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _quiet.Dispose();
        _nonMatching.Dispose();
        _matching.Dispose();
        _delivering.Dispose();
        _floorChannel.Writer.Complete();
        _floorReader.Wait();
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

    /// <summary>
    /// The floor of any event system on this machine, with no breaker: timestamp and allocate an event, hand it to another
    /// thread through a bare <see cref="Channel{T}"/>, call a delegate there.
    /// </summary>
    [Benchmark(OperationsPerInvoke = DeliveredBatch)]
    public void HandOffFloor()
    {
        var writer = _floorChannel.Writer;
        var time = TimeProvider.System;
        for (var i = 0; i < DeliveredBatch; i++)
        {
            writer.TryWrite(new BramaEvent(EventType.Success, time.GetUtcNow(), "bench_events", null, default));
        }

        _floorCounter.WaitForBatch();
    }

    private static Task ReadFloorAsync(ChannelReader<BramaEvent> reader, DeliveryCounter counter)
    {
        Action<BramaEvent> handler = _ => counter.Received();
        return Task.Run(async () =>
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var bramaEvent))
                {
                    handler(bramaEvent);
                }
            }
        });
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
