namespace Brama;

public sealed partial class ConnectionRegistry : IEventHost
{
    /// <summary>The registry's events: subscribe handlers, batched handlers or streams, with optional filters (design §3).</summary>
    public EventBus Events => Observer.Events;
}
