namespace Brama;

public sealed partial class ConnectionRegistry : IEventHost
{
    /// <summary>The registry's events: subscribe handlers, batched handlers or streams, with optional filters (design §3).</summary>
    public EventBus Events => Observer.Events;

    // Until the engine's registry lands (it declares the observer and constructs it once): see the merge notes.
    internal ConnectionObserver Observer => throw new NotImplementedException();
}
