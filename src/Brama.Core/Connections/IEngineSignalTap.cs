namespace Brama;

/// <summary>
/// An internal hook that sees every engine signal next to the <see cref="ConnectionObserver"/>, with the same data and
/// in the same order (transitions inside the connection's lock). Given to the registry's internal constructor; the
/// engine's unit tests use it to check which signals each action produces.
/// </summary>
internal interface IEngineSignalTap
{
    void OnSignal(Connection connection, EngineSignal signal, in SignalData data);
}
