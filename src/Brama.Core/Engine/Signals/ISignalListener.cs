namespace Brama;

/// <summary>
/// The engine's one way out. Every action of a connection is an <see cref="EngineSignal"/>; the engine asks the
/// listener once whether anyone wants it, builds its data only then, and hands both over. The engine owns this seam and
/// names nothing behind it (event subscriptions, metrics and traces implement it in their own folders).
/// </summary>
/// <remarks>
/// Transition signals are published inside the connection's lock, so per-connection order is the state machine's
/// order. A listener never blocks, never throws into the engine and never runs a handler on the caller's thread.
/// </remarks>
internal interface ISignalListener : IDisposable
{
    /// <summary>
    /// Who wants <paramref name="signal"/> now, as a token only the listener reads: 0 when nobody does. Read once per
    /// signal, on every call's path, so it is a few field reads.
    /// </summary>
    int AudienceOf(EngineSignal signal);

    /// <summary>Publishes one signal of <paramref name="connection"/> to the <paramref name="audience"/> read just before.</summary>
    void OnSignal(Connection connection, EngineSignal signal, in SignalData data, int audience);
}
