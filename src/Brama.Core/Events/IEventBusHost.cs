namespace Brama;

/// <summary>What the event bus reads from its registry: the current options (queue bound, logger).</summary>
internal interface IEventBusHost
{
    BramaOptions Options { get; }
}
