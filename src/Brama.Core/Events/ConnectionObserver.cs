using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// The seam between the engine and the event/telemetry layer. The engine calls <see cref="Publish(Connection, EngineSignal, in SignalData)"/> for every action,
/// inside the connection's lock for transitions so that per-connection order is the order of the state machine.
/// Implementations never block, never throw, and never run a handler on the caller's thread.
/// </summary>
/// <remarks>
/// A signal becomes the events of the design's §3 table (through the <see cref="EventBus"/> index: nothing is allocated
/// when no subscription matches) and the <c>brama.*</c> metrics and activity events (only when a listener is attached).
/// </remarks>
internal sealed partial class ConnectionObserver : IDisposable
{
    private const int CallSignals =
        1 << (int)EngineSignal.Succeeded | 1 << (int)EngineSignal.Failed | 1 << (int)EngineSignal.Ignored | 1 << (int)EngineSignal.Rejected;

    private const int TransitionSignals =
        1 << (int)EngineSignal.Opened | 1 << (int)EngineSignal.Closed | 1 << (int)EngineSignal.HalfOpened | 1 << (int)EngineSignal.Reset;

    private const int ActivitySignals = TransitionSignals | 1 << (int)EngineSignal.Rejected;

    private readonly EventBus _events;
    private readonly IEventHost? _host;

    /// <summary>Creates the observer of one registry.</summary>
    /// <param name="timeProvider">The registry's clock: event timestamps and batch delays.</param>
    /// <param name="host">The registry (options, connections for the state gauge); null in tests of the observer alone.</param>
    public ConnectionObserver(TimeProvider timeProvider, IEventHost? host = null)
    {
        TimeProvider = timeProvider;
        _host = host;
        _events = new EventBus(timeProvider, host);
        if (host is not null)
        {
            BramaTelemetry.AddStateSource(host);
        }
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>The registry's public event API.</summary>
    public EventBus Events => _events;

    /// <summary>Whether anything (a subscription or a telemetry listener) wants this signal; a cheap check for the hot path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsObserved(EngineSignal signal)
    {
        var bit = 1 << (int)signal;
        return (_events.ObservedSignals & bit) != 0 || IsObservedByTelemetry(bit);
    }

    /// <summary>Publishes one signal of <paramref name="connection"/>.</summary>
    public void Publish(Connection connection, EngineSignal signal, in SignalData data) =>
        Publish(connection.Identifier, connection.Scope, connection.Options.Metadata, connection, signal, in data);

    /// <summary>Publishes one signal of the connection (<paramref name="connection"/>, <paramref name="scope"/>).</summary>
    internal void Publish(string connection, string? scope, IReadOnlyDictionary<string, string> metadata, EngineSignal signal, in SignalData data) =>
        Publish(connection, scope, metadata, handle: null, signal, in data);

    private void Publish(
        string connection, string? scope, IReadOnlyDictionary<string, string> metadata, Connection? handle, EngineSignal signal, in SignalData data)
    {
        try
        {
            PublishEvents(connection, scope, metadata, handle, signal, in data);
            PublishTelemetry(connection, scope, signal, in data);
        }
        catch (Exception exception)
        {
            // Only a listener's callback (MeterListener, ActivityListener) can throw here; the caller's action stands.
            var source = BramaEventSource.Log;
            if (source.IsEnabled())
            {
                source.PublishFailed(signal.ToString(), EventHandlerFailure.Describe(connection, scope), exception.ToString());
            }
        }
    }

    /// <summary>Stops event delivery (handlers stop, streams end) and leaves the state gauge.</summary>
    public void Dispose()
    {
        _events.Dispose();
        if (_host is not null)
        {
            BramaTelemetry.RemoveStateSource(_host);
        }
    }

    /// <summary>Whether a telemetry listener wants the signal with this bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsObservedByTelemetry(int bit) =>
        ((bit & CallSignals) != 0 && BramaTelemetry.CallsObserved)
        || ((bit & TransitionSignals) != 0 && BramaTelemetry.TransitionsObserved)
        || ((bit & ActivitySignals) != 0 && BramaTelemetry.ActivitiesObserved);

    private void PublishEvents(
        string connection, string? scope, IReadOnlyDictionary<string, string> metadata, Connection? handle, EngineSignal signal, in SignalData data)
    {
        if ((_events.ObservedSignals & (1 << (int)signal)) == 0)
        {
            return;
        }

        var index = _events.Index;
        var found = default(RouteSet);
        ref readonly var routes = ref found;
        if (handle is null)
        {
            found = index.Find(connection, scope);
        }
        else
        {
            routes = ref handle.RoutesIn(index).Routes;
        }

        // A call's signal makes one event: built here, without the emitter, so that the per-call path stays small.
        if (signal is EngineSignal.Succeeded or EngineSignal.Failed)
        {
            var type = signal == EngineSignal.Succeeded ? EventType.Success : EventType.Failure;
            if (routes.Wants(type))
            {
                routes.Deliver(new BramaEvent(type, TimeProvider.GetUtcNow(), connection, scope, BramaEventData.From(in data, metadata)));
            }
        }
        else
        {
            PublishEvents(in routes, connection, scope, metadata, signal, in data);
        }
    }

    /// <summary>The signals that make other events than a call's (transitions, lifecycle): through the emitter.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishEvents(
        in RouteSet routes, string connection, string? scope, IReadOnlyDictionary<string, string> metadata, EngineSignal signal, in SignalData data)
    {
        if (routes.EventMask == 0)
        {
            return;
        }

        var emitter = new EventEmitter(routes, TimeProvider, connection, scope, metadata, in data);
        switch (signal)
        {
            case EngineSignal.Registered:
                emitter.Emit(EventType.Registration);
                emitter.Emit(EventType.ConnectionRegistered);
                break;
            case EngineSignal.Unregistered:
                emitter.Emit(EventType.ConnectionUnregistered);
                break;
            case EngineSignal.Removed:
                emitter.Emit(EventType.ConnectionRemoved);
                emitter.Emit(EventType.Cleanup);
                break;
            case EngineSignal.Opened:
                emitter.EmitTransition(EventType.CircuitOpened);
                break;
            case EngineSignal.Closed:
                emitter.EmitTransition(EventType.CircuitClosed);
                break;
            case EngineSignal.HalfOpened:
                emitter.EmitTransition(EventType.CircuitHalfOpened);
                break;
            case EngineSignal.Expired:
                emitter.Emit(EventType.Expiry);
                break;
            case EngineSignal.Reset:
                emitter.EmitTransition(EventType.CircuitReset);
                break;
        }
    }

    private void PublishTelemetry(string connection, string? scope, EngineSignal signal, in SignalData data)
    {
        switch (signal)
        {
            case EngineSignal.Succeeded:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Success);
                break;
            case EngineSignal.Failed:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Failure);
                break;
            case EngineSignal.Ignored:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Ignored);
                break;
            case EngineSignal.Rejected:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Rejected);
                if (BramaTelemetry.ActivitiesObserved)
                {
                    BramaTelemetry.AddRejectedEvent(TimeProvider, connection, scope, data.NewState, data.RetryAfter);
                }

                break;
            case EngineSignal.Opened or EngineSignal.Closed or EngineSignal.HalfOpened or EngineSignal.Reset
                when data.PreviousState != data.NewState:
                BramaTelemetry.RecordTransition(connection, scope, data.PreviousState, data.NewState);
                if (BramaTelemetry.ActivitiesObserved)
                {
                    BramaTelemetry.AddTransitionEvent(TimeProvider, connection, scope, data.PreviousState, data.NewState, data.IsManual, data.Reason);
                }

                break;
        }
    }

    /// <summary>Builds each event of one signal only if a subscription wants it, all with one timestamp.</summary>
    private ref struct EventEmitter
    {
        private readonly RouteSet _routes;
        private readonly TimeProvider _time;
        private readonly string _connection;
        private readonly string? _scope;
        private readonly BramaEventData _data;
        private DateTimeOffset? _timestamp;

        public EventEmitter(RouteSet routes, TimeProvider time, string connection, string? scope, IReadOnlyDictionary<string, string> metadata, in SignalData data)
        {
            _routes = routes;
            _time = time;
            _connection = connection;
            _scope = scope;
            _timestamp = null;
            _data = BramaEventData.From(in data, metadata);
        }

        public void Emit(EventType type)
        {
            if (!_routes.Wants(type))
            {
                return;
            }

            _timestamp ??= _time.GetUtcNow();
            _routes.Deliver(new BramaEvent(type, _timestamp.Value, _connection, _scope, _data));
        }

        /// <summary>The specific event, then <see cref="EventType.StateChange"/> when the state really changed.</summary>
        public void EmitTransition(EventType specific)
        {
            Emit(specific);
            if (_data.PreviousState != _data.NewState)
            {
                Emit(EventType.StateChange);
            }
        }
    }
}
