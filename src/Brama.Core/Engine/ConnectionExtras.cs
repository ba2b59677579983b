namespace Brama;

/// <summary>
/// What few connections have, behind one field, so that a connection without it pays one reference for all of it:
/// a rate rule and the [CircuitBreaker] declarations its own options override. Replaced whole under the connection's
/// lock, read without it.
/// </summary>
/// <param name="RateRule">The connection's rate rule, when its options have one.</param>
/// <param name="OverriddenDeclarations">Each declaration whose options this connection's own override, once.</param>
/// <param name="FleetOrigin">The fleet instance whose opening the open circuit adopted, or null.</param>
internal sealed record ConnectionExtras(RateRule? RateRule, string[] OverriddenDeclarations, string? FleetOrigin = null)
{
    /// <summary>The rate rule's time window, one load nearer the closed success path that records in it.</summary>
    public TimeWindow? TimeWindow { get; } = RateRule?.TimeWindow;

    /// <summary>The extras of these values; null when all are empty.</summary>
    public static ConnectionExtras? Of(RateRule? rateRule, string[] overriddenDeclarations, string? fleetOrigin = null) =>
        rateRule is null && overriddenDeclarations.Length == 0 && fleetOrigin is null
            ? null
            : new ConnectionExtras(rateRule, overriddenDeclarations, fleetOrigin);
}
