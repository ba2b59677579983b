namespace Brama;

/// <summary>
/// A custom event handler (the spec's <c>subscribe(handler: …)</c>), for integrations such as monitoring systems.
/// Subscribe it with <see cref="EventBus.Subscribe(IBramaEventHandler, EventFilter?)"/> or, for batches,
/// <see cref="EventBus.SubscribeBatched(IBramaEventHandler, int, TimeSpan, EventFilter?)"/>.
/// </summary>
/// <remarks>
/// Each subscription calls its handler from its own dispatch loop, one call at a time, never on the thread that
/// reported the action. An exception is counted (<see cref="Subscription.ExceptionCount"/>), reported, and the
/// subscription goes on. The token is cancelled when the subscription stops (unsubscribed, or the registry disposed).
/// </remarks>
public interface IBramaEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="bramaEvent">The event.</param>
    /// <param name="cancellationToken">Cancelled when the subscription stops.</param>
    ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken);

    /// <summary>Handles a batch of events (batched subscriptions). By default hands each to <see cref="HandleAsync"/> in order.</summary>
    /// <param name="batch">The events, oldest first; the list is not reused after the call.</param>
    /// <param name="cancellationToken">Cancelled when the subscription stops.</param>
    async ValueTask HandleBatchAsync(IReadOnlyList<BramaEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var bramaEvent in batch)
        {
            await HandleAsync(bramaEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
