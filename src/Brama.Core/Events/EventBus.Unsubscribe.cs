namespace Brama;

public sealed partial class EventBus
{
    /// <summary>Ends one subscription; no further event is delivered once the handler call in progress (if any) returns.</summary>
    /// <param name="subscription">The subscription (or a stream's, via <see cref="EventStream.Dispose"/>).</param>
    /// <returns>Whether it was active in this registry.</returns>
    public bool Unsubscribe(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Remove(static (s, target) => ReferenceEquals(s, target), subscription, filter: null) == 1;
    }

    /// <summary>Ends every subscription of <paramref name="handler"/> (the same delegate, as <c>-=</c> compares).</summary>
    /// <param name="handler">The handler given to <see cref="Subscribe(Action{BramaEvent}, EventFilter?)"/>.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(Action<BramaEvent> handler) => RemoveHandler(handler);

    /// <summary>Ends the subscriptions of <paramref name="handler"/> made with a filter equal to <paramref name="filter"/>.</summary>
    /// <param name="handler">The handler given to <see cref="Subscribe(Action{BramaEvent}, EventFilter?)"/>.</param>
    /// <param name="filter">The filter, compared by content; <see langword="null"/> for the unfiltered subscriptions.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(Action<BramaEvent> handler, EventFilter? filter) => RemoveHandler(handler, filter);

    /// <summary>Ends every subscription of <paramref name="handler"/>, single and batched.</summary>
    /// <param name="handler">The handler instance.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(IBramaEventHandler handler) => RemoveHandler(handler);

    /// <summary>Ends the subscriptions of <paramref name="handler"/> made with a filter equal to <paramref name="filter"/>.</summary>
    /// <param name="handler">The handler instance.</param>
    /// <param name="filter">The filter, compared by content; <see langword="null"/> for the unfiltered subscriptions.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(IBramaEventHandler handler, EventFilter? filter) => RemoveHandler(handler, filter);

    /// <summary>Ends every batched subscription of <paramref name="handler"/>.</summary>
    /// <param name="handler">The handler given to <see cref="SubscribeBatched(Action{IReadOnlyList{BramaEvent}}, int, TimeSpan, EventFilter?)"/>.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(Action<IReadOnlyList<BramaEvent>> handler) => RemoveHandler(handler);

    /// <summary>Ends the batched subscriptions of <paramref name="handler"/> made with a filter equal to <paramref name="filter"/>.</summary>
    /// <param name="handler">The handler given to <see cref="SubscribeBatched(Action{IReadOnlyList{BramaEvent}}, int, TimeSpan, EventFilter?)"/>.</param>
    /// <param name="filter">The filter, compared by content; <see langword="null"/> for the unfiltered subscriptions.</param>
    /// <returns>How many subscriptions ended.</returns>
    public int Unsubscribe(Action<IReadOnlyList<BramaEvent>> handler, EventFilter? filter) => RemoveHandler(handler, filter);

    /// <summary>Ends every subscription and stream of this registry.</summary>
    /// <returns>How many ended.</returns>
    public int UnsubscribeAll() => Remove(static (_, _) => true, state: null, filter: null);

    private int RemoveHandler(object handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Remove(static (s, h) => s.IsHandledBy(h!), handler, filter: null);
    }

    private int RemoveHandler(object handler, EventFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(handler);

        // Validated like a subscribe, so that a filter no subscription could have had is an error, not a silent 0.
        _ = EventFilter.Compile(filter, nameof(filter));
        var wanted = filter ?? Unfiltered;
        return Remove(static (s, h) => s.IsHandledBy(h!), handler, wanted);
    }

    private static readonly EventFilter Unfiltered = new();

    private int Remove(Func<Subscription, object?, bool> match, object? state, EventFilter? filter)
    {
        List<Subscription>? removed = null;
        lock (_gate)
        {
            var kept = new List<Subscription>(_index.Subscriptions.Length);
            foreach (var subscription in _index.Subscriptions)
            {
                if (match(subscription, state) && (filter is null || filter.Equals(subscription.Filter ?? Unfiltered)))
                {
                    (removed ??= []).Add(subscription);
                }
                else
                {
                    kept.Add(subscription);
                }
            }

            if (removed is null)
            {
                return 0;
            }

            Replace(new EventIndex([.. kept]));
        }

        foreach (var subscription in removed)
        {
            subscription.Stop();
        }

        return removed.Count;
    }
}
