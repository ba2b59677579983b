using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// Turns a registry's signals into the events of design §3 and hands them to the subscriptions that want them, through
/// the bus's index: nothing is built when no subscription matches. Owns the registry's <see cref="EventBus"/>.
/// </summary>
internal sealed class EventPublisher : IDisposable
{
    private readonly TimeProvider _time;

    /// <summary>Creates the publisher and its bus; <paramref name="wantedSignalsChanged"/> hears which signals subscriptions need, under the bus's lock.</summary>
    public EventPublisher(TimeProvider timeProvider, IEventBusHost host, Action<int> wantedSignalsChanged)
    {
        _time = timeProvider;
        Bus = new EventBus(timeProvider, host, index => wantedSignalsChanged(SignalEvents.SignalsFor(index.EventMask)));
    }

    public EventBus Bus { get; }

    /// <summary>Publishes the events of one signal of <paramref name="connection"/> to the subscriptions that want them.</summary>
    public void Publish(Connection connection, EngineSignal signal, in SignalData data)
    {
        ref readonly var routes = ref RoutesOf(connection).Routes;
        var events = SignalEvents.Of(signal);

        // A call's signal makes one event and no StateChange: built here, so that the per-call path stays small.
        if (events.Length == 1 && !SignalEvents.IsTransition(signal))
        {
            if (routes.Wants(events[0]))
            {
                routes.Deliver(new BramaEvent(events[0], _time.GetUtcNow(), connection.Identifier, connection.Scope, BramaEventData.From(in data, connection.Options.Metadata)));
            }

            return;
        }

        PublishAll(in routes, connection, signal, in data);
    }

    public void Dispose() => Bus.Dispose();

    /// <summary>The signals that make several events (transitions, registration, removal): through the emitter.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishAll(in RouteSet routes, Connection connection, EngineSignal signal, in SignalData data)
    {
        if (routes.EventMask == 0)
        {
            return;
        }

        var emitter = new EventEmitter(routes, _time, connection.Identifier, connection.Scope, connection.Options.Metadata, in data);
        foreach (var type in SignalEvents.Of(signal))
        {
            emitter.Emit(type);
        }

        if (SignalEvents.IsTransition(signal) && data.PreviousState != data.NewState)
        {
            emitter.Emit(EventType.StateChange);
        }
    }

    /// <summary>The connection's routes under the bus's current index, looked up once per index and kept on the connection.</summary>
    private RouteCache RoutesOf(Connection connection)
    {
        var index = Bus.Index;
        if (connection.ListenerCache is not RouteCache cache || !ReferenceEquals(cache.Index, index) ||
            (index.HasConditions && !ReferenceEquals(cache.Metadata, connection.Options.Metadata)))
        {
            // Two racing publishers may both look up; either result is right for this index.
            var metadata = connection.Options.Metadata;
            connection.ListenerCache = cache = new RouteCache(index, metadata, index.Find(connection.Identifier, connection.Scope, metadata));
        }

        return cache;
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
    }
}
