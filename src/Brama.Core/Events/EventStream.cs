namespace Brama;

/// <summary>
/// A registry's events as an <see cref="IAsyncEnumerable{T}"/> (the spec's "mailbox" form): events queue in a bounded
/// channel until the consumer reads them with <c>await foreach</c>. Dispose it to stop; disposing the registry ends
/// the enumeration once the queued events were read.
/// </summary>
/// <remarks>
/// The queue obeys the same rules as a <see cref="Subscription"/>: per-call events beyond
/// <see cref="BramaOptions.EventQueueCapacity"/> are dropped and counted in <see cref="DroppedCount"/>, transition events
/// are never dropped, events of one connection come in order. Events are consumed: enumerating twice continues where
/// the previous enumeration stopped, and two concurrent enumerations share the events between them.
/// </remarks>
public sealed class EventStream : IAsyncEnumerable<BramaEvent>, IDisposable, IAsyncDisposable
{
    private readonly Subscription _subscription;

    internal EventStream(Subscription subscription) => _subscription = subscription;

    /// <summary>The filter the stream was opened with (a frozen copy), or <see langword="null"/> for all events.</summary>
    public EventFilter? Filter => _subscription.Filter;

    /// <summary>Per-call events dropped because the consumer fell behind by more than the queue holds.</summary>
    public long DroppedCount => _subscription.DroppedCount;

    /// <summary>Whether events still arrive: false once disposed or the registry was disposed.</summary>
    public bool IsActive => _subscription.IsActive;

    internal Subscription Subscription => _subscription;

    /// <summary>Reads events as they arrive until the stream or the registry is disposed, or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the enumeration with an <see cref="OperationCanceledException"/>.</param>
    public async IAsyncEnumerator<BramaEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (await _subscription.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_subscription.TryDequeue(out var bramaEvent))
            {
                yield return bramaEvent;
            }
        }
    }

    /// <summary>Stops the stream: queued events are discarded and enumerations end.</summary>
    public void Dispose() => _subscription.Dispose();

    /// <summary>Stops the stream (see <see cref="Dispose"/>).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
