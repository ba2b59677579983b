namespace Brama;

/// <summary>
/// What the event system reads from its registry: the current options (queue bound, logger) and the connections (state
/// gauge); and what it tells the registry: which signals subscriptions want now.
/// </summary>
internal interface IEventHost : ICircuitStateSource
{
    BramaOptions Options { get; }

    /// <summary>Called under the bus's lock whenever the set of subscriptions changes.</summary>
    void OnSubscribedSignalsChanged(int signals);
}
