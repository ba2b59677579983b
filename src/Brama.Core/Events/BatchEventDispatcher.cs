namespace Brama;

/// <summary>
/// Delivers events in batches: a batch is handed over when it holds <c>maxBatch</c> events, or when <c>maxDelay</c>
/// has passed since its first event happened, whichever comes first. The delay is timed by the registry's
/// <see cref="TimeProvider"/> (a <c>FakeTimeProvider</c> drives it in tests).
/// </summary>
internal sealed class BatchEventDispatcher : EventDispatcher<BramaEvent[]>
{
    private readonly Action<IReadOnlyList<BramaEvent>>? _action;
    private readonly IBramaEventHandler? _handler;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;

    public BatchEventDispatcher(Action<IReadOnlyList<BramaEvent>> action, int maxBatch, TimeSpan maxDelay)
        : this(maxBatch, maxDelay) => _action = action;

    public BatchEventDispatcher(IBramaEventHandler handler, int maxBatch, TimeSpan maxDelay)
        : this(maxBatch, maxDelay) => _handler = handler;

    private BatchEventDispatcher(int maxBatch, TimeSpan maxDelay)
    {
        _maxBatch = maxBatch;
        _maxDelay = maxDelay;
    }

    public override object Handler => (object?)_action ?? _handler!;

    protected override async Task DispatchAsync(Subscription subscription, CancellationToken stopping)
    {
        var time = subscription.TimeProvider;
        var batch = new List<BramaEvent>(Math.Min(_maxBatch, 256));
        var deadline = DateTimeOffset.MaxValue;
        ITimer timer;
        using (ExecutionContext.SuppressFlow())
        {
            timer = time.CreateTimer(static state => ((Subscription)state!).Wake(), subscription, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        await using (timer.ConfigureAwait(false))
        {
            while (await subscription.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                // The clock is read before the queue is drained, so that a batch found due goes out with every event
                // that was queued by then: a loop that runs late must not split what was waiting.
                var now = time.GetUtcNow();
                while (subscription.TryDequeue(out var bramaEvent))
                {
                    if (ReferenceEquals(bramaEvent, Subscription.WakeUp))
                    {
                        continue;
                    }

                    batch.Add(bramaEvent);
                    if (batch.Count == 1)
                    {
                        // Measured from when the event happened, so a loop that runs late still honours maxDelay.
                        deadline = Min(bramaEvent.Timestamp + _maxDelay, time.GetUtcNow() + _maxDelay);
                    }

                    if (batch.Count >= _maxBatch && !await FlushAsync(subscription, batch, timer, stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                if (now >= deadline)
                {
                    if (!await FlushAsync(subscription, batch, timer, stopping).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                // Armed from a fresh reading, and read again after: a clock that passed the deadline meanwhile would leave
                // the timer due late, so the loop wakes itself instead. A timer takes at most about 49.7 days; a longer
                // wait wakes early and re-arms.
                var armedAt = time.GetUtcNow();
                if (armedAt < deadline)
                {
                    timer.Change(Min(deadline - armedAt, BramaOptions.MaxCleanupInterval), Timeout.InfiniteTimeSpan);
                }

                if (time.GetUtcNow() >= deadline)
                {
                    subscription.Wake();
                }
            }
        }
    }

    private async Task<bool> FlushAsync(Subscription subscription, List<BramaEvent> batch, ITimer timer, CancellationToken stopping)
    {
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var events = batch.ToArray();
        batch.Clear();
        return await DeliverAsync(subscription, events, events[0], events.Length, stopping).ConfigureAwait(false);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    protected override ValueTask InvokeAsync(BramaEvent[] payload, CancellationToken stopping)
    {
        if (_action is null)
        {
            return _handler!.HandleBatchAsync(payload, stopping);
        }

        _action(payload);
        return ValueTask.CompletedTask;
    }
}
