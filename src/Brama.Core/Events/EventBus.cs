using Microsoft.Extensions.Logging;

namespace Brama;

/// <summary>
/// A registry's events (<see cref="ConnectionRegistry.Events"/>): subscribe a handler, a batched handler or a stream,
/// optionally with an <see cref="EventFilter"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Filters are applied at the source through an index, so a report costs O(matching subscribers) and allocates nothing
/// when no subscription matches. Delivery is asynchronous: the thread that reported the action only enqueues; each
/// subscription has its own bounded queue and dispatch loop (see <see cref="Subscription"/> for the overflow rules).
/// </remarks>
public sealed partial class EventBus
{
    private readonly object _gate = new();
    private readonly IEventBusHost _host;
    private readonly Action<EventIndex> _indexChanged;
    private volatile EventIndex _index = EventIndex.Empty;
    private bool _disposed;

    internal EventBus(TimeProvider timeProvider, IEventBusHost host, Action<EventIndex> indexChanged)
    {
        TimeProvider = timeProvider;
        _host = host;
        _indexChanged = indexChanged;
    }

    /// <summary>How many subscriptions and streams are active.</summary>
    public int Count => _index.Subscriptions.Length;

    internal TimeProvider TimeProvider { get; }

    internal EventIndex Index => _index;

    internal ILogger? Logger => _host.Options.Logger;

    private int QueueCapacity => _host.Options.EventQueueCapacity;

    /// <summary>Calls <paramref name="handler"/> for every event that passes <paramref name="filter"/>.</summary>
    /// <param name="handler">Runs on the subscription's own dispatch loop, one event at a time, never on the reporting thread.</param>
    /// <param name="filter">Which events; <see langword="null"/> for all.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    public Subscription Subscribe(Action<BramaEvent> handler, EventFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(filter, new SingleEventDispatcher(handler));
    }

    /// <summary>Hands every event that passes <paramref name="filter"/> to <paramref name="handler"/>.</summary>
    /// <param name="handler">Its <see cref="IBramaEventHandler.HandleAsync"/> runs on the subscription's own dispatch loop.</param>
    /// <param name="filter">Which events; <see langword="null"/> for all.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    public Subscription Subscribe(IBramaEventHandler handler, EventFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(filter, new SingleEventDispatcher(handler));
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with batches of events: when <paramref name="maxBatch"/> events are waiting, or
    /// <paramref name="maxDelay"/> after the first waiting event happened (timed by the registry's clock).
    /// </summary>
    /// <param name="handler">Runs on the subscription's own dispatch loop with a fresh list, oldest event first.</param>
    /// <param name="maxBatch">The largest batch (≥ 1).</param>
    /// <param name="maxDelay">The longest an event waits for its batch (&gt; 0, at most 365 days).</param>
    /// <param name="filter">Which events; <see langword="null"/> for all.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    public Subscription SubscribeBatched(Action<IReadOnlyList<BramaEvent>> handler, int maxBatch, TimeSpan maxDelay, EventFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CheckBatch(maxBatch, maxDelay);
        return Add(filter, new BatchEventDispatcher(handler, maxBatch, maxDelay));
    }

    /// <summary>Hands batches of events to <see cref="IBramaEventHandler.HandleBatchAsync"/> (see the delegate overload).</summary>
    /// <param name="handler">Its <see cref="IBramaEventHandler.HandleBatchAsync"/> runs on the subscription's own dispatch loop.</param>
    /// <param name="maxBatch">The largest batch (≥ 1).</param>
    /// <param name="maxDelay">The longest an event waits for its batch (&gt; 0, at most 365 days).</param>
    /// <param name="filter">Which events; <see langword="null"/> for all.</param>
    /// <returns>The subscription; dispose it to unsubscribe.</returns>
    public Subscription SubscribeBatched(IBramaEventHandler handler, int maxBatch, TimeSpan maxDelay, EventFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        CheckBatch(maxBatch, maxDelay);
        return Add(filter, new BatchEventDispatcher(handler, maxBatch, maxDelay));
    }

    /// <summary>Opens a stream of the events that pass <paramref name="filter"/>, to read with <c>await foreach</c>.</summary>
    /// <param name="filter">Which events; <see langword="null"/> for all.</param>
    /// <returns>The stream; dispose it to stop.</returns>
    public EventStream Stream(EventFilter? filter = null) => new(Add(filter, dispatcher: null));

    /// <summary>Stops the registry's event delivery: handlers stop, streams end after their queued events.</summary>
    internal void Dispose()
    {
        Subscription[] subscriptions;
        lock (_gate)
        {
            _disposed = true;
            subscriptions = _index.Subscriptions;
            Replace(EventIndex.Empty);
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }
    }

    private static void CheckBatch(int maxBatch, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        if (maxDelay <= TimeSpan.Zero || maxDelay > ConnectionOptions.MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, "Must be greater than zero and at most 365 days.");
        }
    }

    private Subscription Add(EventFilter? filter, EventDispatcher? dispatcher)
    {
        var spec = EventFilter.Compile(filter, nameof(filter));
        var subscription = new Subscription(this, filter, spec, dispatcher, QueueCapacity);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            subscription.Start();
            Replace(new EventIndex([.. _index.Subscriptions, subscription]));
        }

        return subscription;
    }

    // Called under _gate.
    private void Replace(EventIndex index)
    {
        _index = index;
        _indexChanged(index);
    }
}
