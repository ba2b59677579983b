using System.Threading.Channels;

namespace Brama;

/// <summary>
/// One subscription to a registry's events (see <see cref="EventBus"/>). It owns a bounded queue and, for handler
/// subscriptions, one dispatch loop: a slow, hanging or throwing handler delays only itself. Dispose it to unsubscribe.
/// </summary>
/// <remarks>
/// The queue holds at most <see cref="BramaOptions.EventQueueCapacity"/> per-call events (every type except the
/// transition events); further ones are dropped and counted in <see cref="DroppedCount"/>. Transition events
/// (<see cref="EventType.StateChange"/>, <see cref="EventType.CircuitOpened"/>, <see cref="EventType.CircuitClosed"/>,
/// <see cref="EventType.CircuitHalfOpened"/>, <see cref="EventType.CircuitReset"/>, <see cref="EventType.Expiry"/>) are
/// never dropped. Events of one connection are delivered in the order they happened.
/// </remarks>
public sealed class Subscription : IDisposable
{
    private readonly EventBus _bus;
    private readonly Channel<BramaEvent> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly EventDispatcher? _dispatcher;
    private readonly QueueBound _bound;
    private readonly Func<BramaEvent, bool>? _where;
    private long _exceptions;
    private volatile bool _active = true;
    private volatile bool _discarded;

    internal Subscription(EventBus bus, EventFilter? filter, FilterSpec spec, EventDispatcher? dispatcher, int capacity)
    {
        _bus = bus;
        _dispatcher = dispatcher;
        _bound = new QueueBound(capacity);
        Filter = filter?.Freeze();
        EventMask = spec.EventMask;
        Route = spec.Route;
        Condition = spec.Condition;
        _where = Filter?.Where;

        // A stream may be enumerated by more than one reader over its life; a dispatch loop is the only reader.
        _queue = Channel.CreateUnbounded<BramaEvent>(new UnboundedChannelOptions { SingleReader = dispatcher is not null });
    }

    /// <summary>The filter the subscription was made with (a frozen copy), or <see langword="null"/> for all events.</summary>
    public EventFilter? Filter { get; }

    /// <summary>Per-call events dropped because this subscriber's queue was full.</summary>
    public long DroppedCount => _bound.Dropped;

    /// <summary>Exceptions thrown by the handler (each is also reported to the "Brama" event source and the logger).</summary>
    public long ExceptionCount => Interlocked.Read(ref _exceptions);

    /// <summary>Whether events are still delivered: false once unsubscribed or the registry was disposed.</summary>
    public bool IsActive => _active;

    internal uint EventMask { get; }

    internal RouteKey Route { get; }

    internal SourceCondition? Condition { get; }

    /// <summary>The user's handler (delegate or <see cref="IBramaEventHandler"/>), or null for a stream.</summary>
    internal object? Handler => _dispatcher?.Handler;

    internal TimeProvider TimeProvider => _bus.TimeProvider;

    /// <summary>The dispatch loop: completes once the subscription stopped and its last handler call returned.</summary>
    internal Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Cancelled when the subscription stops; handed to asynchronous handlers.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Unsubscribes: no further event is delivered once the handler call in progress (if any) returns.</summary>
    public void Dispose()
    {
        if (!_bus.Unsubscribe(this))
        {
            Stop();
        }
    }

    /// <summary>Whether <paramref name="handler"/> is this subscription's handler: the same delegate (as <c>-=</c> compares) or instance.</summary>
    internal bool IsHandledBy(object handler) =>
        Handler is Delegate own ? own.Equals(handler) : ReferenceEquals(Handler, handler);

    /// <summary>Queues an event; called on the publishing thread, so it never blocks, never throws, never runs a handler.</summary>
    internal void Enqueue(BramaEvent bramaEvent)
    {
        if (!_active)
        {
            return; // a publisher still holding the previous index: the event goes nowhere and is not a drop
        }

        var perCall = !EventTypeSet.IsGuaranteed(bramaEvent.Type);
        if (perCall && !_bound.TryReserve())
        {
            BramaTelemetry.RecordDropped(EventTypeSet.Name(bramaEvent.Type), bramaEvent.Connection, bramaEvent.Scope);
            return;
        }

        if (!_queue.Writer.TryWrite(bramaEvent) && perCall)
        {
            // Stopped meanwhile: the event goes nowhere, and nothing is dropped for a full queue.
            _bound.Unreserve();
        }
    }

    internal bool TryDequeue(out BramaEvent bramaEvent)
    {
        while (!_discarded && _queue.Reader.TryRead(out bramaEvent!))
        {
            if (!EventTypeSet.IsGuaranteed(bramaEvent.Type))
            {
                _bound.Release();
            }

            if (_where is null || ReferenceEquals(bramaEvent, WakeUp) || Passes(bramaEvent))
            {
                return true;
            }
        }

        bramaEvent = null!;
        return false;
    }

    private bool Passes(BramaEvent bramaEvent)
    {
        try
        {
            return _where!(bramaEvent);
        }
        catch (Exception exception)
        {
            ReportException(exception, bramaEvent, batchSize: 1);
            return false;
        }
    }

    /// <summary>Waits until an event can be dequeued; false once the queue is completed and drained, or stopped.</summary>
    internal ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _discarded ? new ValueTask<bool>(false) : _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Wakes the reader without an event (used by the batch timer); the reader sees <see cref="WakeUp"/>.</summary>
    internal void Wake() => _queue.Writer.TryWrite(WakeUp);

    /// <summary>The marker <see cref="Wake"/> queues; never delivered.</summary>
    internal static BramaEvent WakeUp { get; } = new(EventType.StateChange, default, string.Empty, null, default);

    internal void Start()
    {
        if (_dispatcher is null)
        {
            return;
        }

        // The loop must not inherit the subscriber's execution context (Activity.Current, AsyncLocals) or its
        // synchronization context: handlers run on the thread pool, with a clean context.
        using (ExecutionContext.SuppressFlow())
        {
            Completion = Task.Run(() => _dispatcher.RunAsync(this, _stopping.Token));
        }
    }

    /// <summary>Stops delivery now: queued events are discarded, an asynchronous handler sees its token cancelled.</summary>
    internal void Stop()
    {
        if (_discarded)
        {
            return;
        }

        _active = false;
        _discarded = true;
        _queue.Writer.TryComplete();
        _ = _stopping.CancelAsync();
    }

    /// <summary>The registry is going away: a stream's reader still gets what was queued, then the end; handlers stop.</summary>
    internal void Complete()
    {
        if (_dispatcher is null)
        {
            _active = false;
            _queue.Writer.TryComplete();
            return;
        }

        Stop();
    }

    internal void ReportException(Exception exception, BramaEvent first, int batchSize)
    {
        Interlocked.Increment(ref _exceptions);
        EventHandlerFailure.Report(_bus.Logger, exception, first, batchSize);
    }
}
