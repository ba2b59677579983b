namespace Brama.Core.Tests.Support;

/// <summary>
/// Records each connection's state changes as the registry publishes them: a stream of StateChange events, whose queue
/// is written on the publishing thread inside the connection's lock, read back synchronously.
/// </summary>
internal sealed class TransitionRecorder : IDisposable
{
    private readonly EventStream _stream;
    private readonly Dictionary<string, List<(CircuitState From, CircuitState To)>> _byConnection = [];

    public TransitionRecorder(ConnectionRegistry registry) =>
        _stream = registry.Events.Stream(EventFilter.ForEvents(EventType.StateChange));

    public List<(CircuitState From, CircuitState To)> Of(string identifier)
    {
        lock (_byConnection)
        {
            while (_stream.Subscription.TryDequeue(out var change))
            {
                if (!_byConnection.TryGetValue(change.Connection, out var list))
                {
                    _byConnection.Add(change.Connection, list = []);
                }

                list.Add((change.Data.PreviousState, change.Data.NewState));
            }

            return _byConnection.TryGetValue(identifier, out var found) ? [.. found] : [];
        }
    }

    public void Clear()
    {
        lock (_byConnection)
        {
            while (_stream.Subscription.TryDequeue(out _))
            {
            }

            _byConnection.Clear();
        }
    }

    public void Dispose() => _stream.Dispose();
}
