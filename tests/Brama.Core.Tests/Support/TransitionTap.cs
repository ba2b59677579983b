using System.Collections.Concurrent;

namespace Brama.Core.Tests.Support;

/// <summary>Records each connection's state changes as the engine makes them, inside the connection's lock.</summary>
internal sealed class TransitionTap : IEngineSignalTap
{
    private readonly ConcurrentDictionary<string, List<(CircuitState From, CircuitState To)>> _byConnection = new();

    public void OnSignal(Connection connection, EngineSignal signal, in SignalData data)
    {
        if (signal is EngineSignal.Opened or EngineSignal.Closed or EngineSignal.HalfOpened or EngineSignal.Reset
            && data.PreviousState != data.NewState)
        {
            var list = _byConnection.GetOrAdd(connection.Identifier, static _ => []);
            lock (list)
            {
                list.Add((data.PreviousState, data.NewState));
            }
        }
    }

    public List<(CircuitState From, CircuitState To)> Of(string identifier)
    {
        var list = _byConnection.GetOrAdd(identifier, static _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    public void Clear() => _byConnection.Clear();
}
