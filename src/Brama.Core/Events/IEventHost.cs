namespace Brama;

/// <summary>What the event system reads from its registry: the current options (queue bound, logger) and the connections (state gauge).</summary>
internal interface IEventHost : ICircuitStateSource
{
    BramaOptions Options { get; }
}
