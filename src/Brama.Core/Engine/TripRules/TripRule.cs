namespace Brama;

/// <summary>
/// Decides when a closed circuit opens, apart from the state machine that opens it (as Polly.Core keeps its
/// <c>CircuitBehavior</c> apart from its <c>CircuitStateController</c>). The state machine calls it under the
/// connection's lock with each result that counts while the circuit is closed, and tells it when the circuit opens and
/// closes. A rule is chosen from the options (<see cref="For"/>), again when they change in place.
/// </summary>
/// <remarks>
/// The consecutive failure count lives in the connection (its status and events show it); a rule keeps any other state
/// of its own. The closed success path skips the lock while that count is 0, unless the rule
/// <see cref="SeesEverySuccess"/>.
/// </remarks>
internal abstract class TripRule
{
    /// <summary>Whether a success must reach the rule even when the consecutive count is 0.</summary>
    public abstract bool SeesEverySuccess { get; }

    /// <summary>The rule for <paramref name="options"/>.</summary>
    public static TripRule For(ConnectionOptions options) => ConsecutiveFailuresRule.Instance;

    /// <summary>A success that counts while closed.</summary>
    public abstract void RecordSuccess(ref int consecutiveFailures);

    /// <summary>
    /// A failure that counts while closed: true when the circuit opens now. <paramref name="openingReason"/> comes in as
    /// the failure's reason; a rule may replace it with its own account of the trip.
    /// </summary>
    public abstract bool RecordFailure(ref int consecutiveFailures, ConnectionOptions options, ref string? openingReason);

    /// <summary>The circuit opened. The consecutive count keeps the value that tripped it until the circuit closes.</summary>
    public abstract void OnOpened();

    /// <summary>The circuit closed (a probe, a manual Close or Reset): counting starts again.</summary>
    public abstract void OnClosed(ref int consecutiveFailures);
}
