namespace Brama;

/// <summary>
/// Where the registry is wired to the world beyond the engine: its signals go to events and telemetry, its
/// connections to the state gauge. The engine's own files name none of those types.
/// </summary>
public sealed partial class ConnectionRegistry : IEventBusHost, ICircuitStateSource
{
    /// <summary>Creates a registry.</summary>
    /// <param name="options">Registry-wide options; <see cref="BramaOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    public ConnectionRegistry(BramaOptions? options = null, TimeProvider? timeProvider = null)
        : this(options ?? BramaOptions.Default, timeProvider ?? TimeProvider.System, static registry => new SignalPublisher(registry.TimeProvider, registry, registry, registry.Demand))
    {
    }

    /// <summary>The registry's events: subscribe handlers, batched handlers or streams, with optional filters (design §3).</summary>
    public EventBus Events => ((SignalPublisher)Listener).Events;
}
