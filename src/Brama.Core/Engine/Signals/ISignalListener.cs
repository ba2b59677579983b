namespace Brama;

/// <summary>
/// The engine's one way out. Every action of a connection is an <see cref="EngineSignal"/>; the engine reads once who
/// wants it (<see cref="SignalDemand"/>, no virtual call on the quiet path), builds its data only then, and hands both over. The engine owns this seam and
/// names nothing behind it (event subscriptions, metrics and traces implement it in their own folders).
/// </summary>
/// <remarks>
/// Transition signals are published inside the connection's lock, so per-connection order is the state machine's
/// order. A listener never blocks, never throws into the engine and never runs a handler on the caller's thread.
/// </remarks>
internal interface ISignalListener : IDisposable
{
    /// <summary>Publishes one signal of <paramref name="connection"/> to the <paramref name="audience"/> read just before.</summary>
    void OnSignal(Connection connection, EngineSignal signal, in SignalData data, SignalAudience audience);
}
