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

/// <summary>Delivers events one by one to an <see cref="Action{T}"/> or an <see cref="IBramaEventHandler"/>.</summary>
internal sealed class SingleEventDispatcher : EventDispatcher
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
                try
                {
                    if (_action is not null)
                    {
                        _action(bramaEvent);
                    }
                    else
                    {
                        await _handler!.HandleAsync(bramaEvent, stopping).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    subscription.ReportException(exception, bramaEvent, batchSize: 1);
                }
            }
        }
    }
}
