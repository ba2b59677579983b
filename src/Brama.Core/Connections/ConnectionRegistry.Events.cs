namespace Brama;

public sealed partial class ConnectionRegistry : IEventHost
{
    /// <summary>The registry's events: subscribe handlers, batched handlers or streams, with optional filters (design §3).</summary>
    public EventBus Events => Observer.Events;

    /// <summary>
    /// A bitmask over <see cref="EngineSignal"/> of the signals that subscriptions (or a test's signal tap) want: one
    /// field read lets a successful call skip publishing. Telemetry listeners are checked apart, they are process-wide.
    /// </summary>
    internal int SubscribedSignals => _subscribedSignals;

    void IEventHost.OnSubscribedSignalsChanged(int signals) =>
        _subscribedSignals = SignalTap is null ? signals : AllSignals;
}
