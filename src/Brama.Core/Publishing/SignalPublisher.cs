namespace Brama;

/// <summary>
/// A registry's <see cref="ISignalListener"/>: each signal goes to the event subscriptions that want it and to the
/// telemetry listeners that want it, and nowhere when nobody does.
/// </summary>
internal sealed class SignalPublisher : ISignalListener
{
    private readonly TimeProvider _time;
    private readonly EventPublisher _events;
    private readonly ICircuitStateSource _states;

    public SignalPublisher(TimeProvider timeProvider, IEventBusHost host, ICircuitStateSource states, SignalDemand demand)
    {
        _time = timeProvider;
        _states = states;
        _events = new EventPublisher(timeProvider, host, demand.SetSubscribedSignals);
        BramaTelemetry.AddStateSource(states);
    }

    /// <summary>The registry's public event API.</summary>
    public EventBus Events => _events.Bus;

    public void OnSignal(Connection connection, EngineSignal signal, in SignalData data, SignalAudience audience)
    {
        try
        {
            if ((audience & SignalAudience.Subscriptions) != 0)
            {
                _events.Publish(connection, signal, in data);
            }

            if ((audience & ~SignalAudience.Subscriptions) != 0)
            {
                TelemetryPublisher.Publish(_time, connection.Identifier, connection.Scope, signal, in data, audience);
            }
        }
        catch (Exception exception)
        {
            // Only a listener's callback (MeterListener, ActivityListener) can throw here; the caller's action stands.
            var source = BramaEventSource.Log;
            if (source.IsEnabled())
            {
                source.PublishFailed(signal.ToString(), connection.Key.ToString(), exception.ToString());
            }
        }
    }

    /// <summary>Stops event delivery (handlers stop, streams end) and leaves the state gauge.</summary>
    public void Dispose()
    {
        _events.Dispose();
        BramaTelemetry.RemoveStateSource(_states);
    }
}
