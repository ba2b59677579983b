namespace Brama.Core.Tests.Support;

/// <summary>One signal the engine published, as the observer would receive it.</summary>
internal sealed record RecordedSignal(string Identifier, string? Scope, EngineSignal Signal, SignalData Data);

/// <summary>Records every signal through the registry's internal tap, in publication order.</summary>
internal sealed class SignalRecorder : IEngineSignalTap
{
    private readonly List<RecordedSignal> _signals = [];

    public IReadOnlyList<RecordedSignal> All
    {
        get
        {
            lock (_signals)
            {
                return [.. _signals];
            }
        }
    }

    public IReadOnlyList<EngineSignal> Kinds => [.. All.Select(static s => s.Signal)];

    public void OnSignal(Connection connection, EngineSignal signal, in SignalData data)
    {
        lock (_signals)
        {
            _signals.Add(new RecordedSignal(connection.Identifier, connection.Scope, signal, data));
        }
    }

    public void Clear()
    {
        lock (_signals)
        {
            _signals.Clear();
        }
    }

    public RecordedSignal Single(EngineSignal signal) => Assert.Single(All, s => s.Signal == signal);
}
