namespace Brama;

/// <summary>
/// The seam between the engine and the event/telemetry layer. The engine calls <see cref="Publish"/> for every action,
/// inside the connection's lock for transitions so that per-connection order is the order of the state machine.
/// Implementations never block, never throw, and never run a handler on the caller's thread.
/// </summary>
internal sealed class ConnectionObserver
{
    public ConnectionObserver(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Whether anything (a subscription or a telemetry listener) wants this signal; a cheap check for the hot path.</summary>
    public bool IsObserved(EngineSignal signal) => false;

    /// <summary>Publishes one signal of <paramref name="connection"/>.</summary>
    public void Publish(Connection connection, EngineSignal signal, in SignalData data)
    {
        _ = connection;
        _ = signal;
        _ = data;
    }
}
