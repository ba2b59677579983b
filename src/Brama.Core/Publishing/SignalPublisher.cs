using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A registry's <see cref="ISignalListener"/>: each signal goes to the event subscriptions that want it and to the
/// telemetry listeners that want it, and nowhere when nobody does.
/// </summary>
internal sealed class SignalPublisher : ISignalListener
{
    // The audience: bit 0 for event subscriptions, the telemetry publisher's bits above it.
    private const int ToEvents = 1;
    private const int TelemetryShift = 1;

    private readonly TimeProvider _time;
    private readonly EventPublisher _events;
    private readonly ICircuitStateSource _states;

    // The signals some subscription wants (bits over EngineSignal); the one copy, set under the bus's lock.
    private volatile int _subscribedSignals;

    public SignalPublisher(TimeProvider timeProvider, IEventBusHost host, ICircuitStateSource states)
    {
        _time = timeProvider;
        _states = states;
        _events = new EventPublisher(timeProvider, host, signals => _subscribedSignals = signals);
        BramaTelemetry.AddStateSource(states);
    }

    /// <summary>The registry's public event API.</summary>
    public EventBus Events => _events.Bus;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AudienceOf(EngineSignal signal)
    {
        var audience = (_subscribedSignals & EngineSignals.Bit(signal)) != 0 ? ToEvents : 0;
        return audience | (TelemetryPublisher.AudienceOf(signal) << TelemetryShift);
    }

    public void OnSignal(Connection connection, EngineSignal signal, in SignalData data, int audience)
    {
        try
        {
            if ((audience & ToEvents) != 0)
            {
                _events.Publish(connection, signal, in data);
            }

            var telemetry = audience >> TelemetryShift;
            if (telemetry != 0)
            {
                TelemetryPublisher.Publish(_time, connection.Identifier, connection.Scope, signal, in data, telemetry);
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
