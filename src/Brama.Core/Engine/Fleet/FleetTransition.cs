namespace Brama;

/// <summary>What happened to a fleet-wide circuit on another instance, or what an operator ordered for the fleet.</summary>
public enum FleetTransitionKind
{
    /// <summary>The circuit opened; <see cref="FleetTransition.RemainingBreak"/> is what is left of its break.</summary>
    Opened,

    /// <summary>The circuit closed (a probe succeeded, or an operator closed it).</summary>
    Closed,

    /// <summary>An operator reset the circuit (closed, openings 0).</summary>
    Reset,
}

/// <summary>
/// A transition a fleet brings to this instance (see <see cref="ConnectionRegistry.ApplyFleetTransition"/>). Its
/// events carry <see cref="Origin"/> as <see cref="BramaEventData.FleetOrigin"/>, so that a fleet never sends back
/// what it brought.
/// </summary>
/// <param name="Identifier">The connection identifier.</param>
/// <param name="Scope">The scope, or null.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Origin">The instance (or operator) it came from; not empty.</param>
/// <param name="Reason">Why, as the origin said it; may be null.</param>
/// <param name="RemainingBreak">For an opening, how much of its break is left (greater than zero).</param>
/// <param name="IsManual">An operator's command rather than a circuit's own transition.</param>
public sealed record FleetTransition(
    string Identifier,
    string? Scope,
    FleetTransitionKind Kind,
    string Origin,
    string? Reason = null,
    TimeSpan? RemainingBreak = null,
    bool IsManual = false);

/// <summary>
/// Decides, for a fleet-wide circuit whose break has ended, whether this instance may probe now: one instance at a
/// time probes for the fleet. Called under the connection's lock, so it must answer from memory at once (no I/O, no
/// waiting) and never call back into the connection.
/// </summary>
public interface IFleetProbeGate
{
    /// <summary>
    /// Null to let this instance probe now (it holds the fleet's lease, or the fleet cannot be reached); otherwise how
    /// long to keep the circuit open before asking again.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or null.</param>
    TimeSpan? HoldProbe(string identifier, string? scope);
}
