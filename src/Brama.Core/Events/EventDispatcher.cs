namespace Brama;

/// <summary>The dispatch loop of one handler subscription: reads its queue and calls the user's handler.</summary>
internal abstract class EventDispatcher
{
    /// <summary>The user's handler, as given (compared by the Unsubscribe(handler) forms).</summary>
    public abstract object Handler { get; }

    public async Task RunAsync(Subscription subscription, CancellationToken stopping)
    {
        try
        {
            await DispatchAsync(subscription, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Unsubscribed or disposed while waiting or while an asynchronous handler honoured the token.
        }
    }

    protected abstract Task DispatchAsync(Subscription subscription, CancellationToken stopping);
}

/// <summary>A dispatch loop that hands <typeparamref name="TPayload"/> (an event or a batch) to the handler.</summary>
internal abstract class EventDispatcher<TPayload> : EventDispatcher
{
    protected abstract ValueTask InvokeAsync(TPayload payload, CancellationToken stopping);

    /// <summary>Calls the handler; an exception is counted and reported. False when the subscription stopped meanwhile.</summary>
    protected async ValueTask<bool> DeliverAsync(Subscription subscription, TPayload payload, BramaEvent first, int count, CancellationToken stopping)
    {
        try
        {
            await InvokeAsync(payload, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            subscription.ReportException(exception, first, count);
        }

        return true;
    }
}

/// <summary>Delivers events one by one to an <see cref="Action{T}"/> or an <see cref="IBramaEventHandler"/>.</summary>
internal sealed class SingleEventDispatcher : EventDispatcher<BramaEvent>
{
    private readonly Action<BramaEvent>? _action;
    private readonly IBramaEventHandler? _handler;

    public SingleEventDispatcher(Action<BramaEvent> action) => _action = action;

    public SingleEventDispatcher(IBramaEventHandler handler) => _handler = handler;

    public override object Handler => (object?)_action ?? _handler!;

    protected override async Task DispatchAsync(Subscription subscription, CancellationToken stopping)
    {
        while (await subscription.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            while (subscription.TryDequeue(out var bramaEvent))
            {
                if (!await DeliverAsync(subscription, bramaEvent, bramaEvent, count: 1, stopping).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    protected override ValueTask InvokeAsync(BramaEvent payload, CancellationToken stopping)
    {
        if (_action is null)
        {
            return _handler!.HandleAsync(payload, stopping);
        }

        _action(payload);
        return ValueTask.CompletedTask;
    }
}
