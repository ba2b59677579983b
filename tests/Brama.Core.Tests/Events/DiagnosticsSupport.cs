using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Extensions.Logging;

namespace Brama.Core.Tests.Events;

/// <summary>An <see cref="ILogger"/> that keeps what it was given.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), exception));

    public sealed record Entry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
}

/// <summary>Listens to the "Brama" event source (process-wide: tests filter by their own connection names).</summary>
internal sealed class BramaEventListener : EventListener
{
    private readonly ConcurrentQueue<(int Id, string EventType, string Connection, string Exception)> _events = new();
    private readonly ConcurrentQueue<string> _gaugeFailures = new();

    public IReadOnlyList<(string EventType, string Exception)> HandlerFailures(string connection) =>
        [.. _events.Where(e => e.Id == 1 && e.Connection == connection).Select(e => (e.EventType, e.Exception))];

    public IReadOnlyList<(string Signal, string Exception)> PublishFailures(string connection) =>
        [.. _events.Where(e => e.Id == 2 && e.Connection == connection).Select(e => (e.EventType, e.Exception))];

    public IReadOnlyList<string> GaugeFailures => [.. _gaugeFailures];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Brama")
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != "Brama" || eventData.Payload is not { } payload)
        {
            return;
        }

        if (payload.Count == 3)
        {
            _events.Enqueue((eventData.EventId, (string)payload[0]!, (string)payload[1]!, (string)payload[2]!));
        }
        else if (eventData.EventId == 3)
        {
            _gaugeFailures.Enqueue((string)payload[0]!);
        }
    }
}
