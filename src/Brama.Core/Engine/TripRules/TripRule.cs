namespace Brama;

/// <summary>
/// Decides when a closed circuit opens, apart from the state machine that opens it (as Polly.Core keeps its
/// <c>CircuitBehavior</c> apart from its <c>CircuitStateController</c>). The state machine calls it under the
/// connection's lock with each result that counts while the circuit is closed, and tells it when the circuit opens and
/// closes. A connection without rate rules shares the stateless <see cref="ConsecutiveFailuresRule"/>; one with them has
/// its own <see cref="RateRule"/>, made again when its options change in place.
/// </summary>
/// <remarks>
/// The consecutive failure count lives in the connection (its status and events show it); a rule keeps any other state
/// of its own. The closed success path skips the lock while that count is 0; a rate rule records such successes in its
/// window without the lock (<see cref="RateRule.RecordQuietSuccess()"/>).
/// </remarks>
internal abstract class TripRule
{
    /// <summary>A success that counts while closed: true when the circuit opens now (a slow call can trip a rate rule).</summary>
    /// <param name="consecutiveFailures">The connection's consecutive count.</param>
    /// <param name="slow">Whether the call was slow (only with the slow-call rule on).</param>
    /// <param name="now">The registry clock's timestamp of the result.</param>
    /// <param name="trip">Which rule tripped, and its account, when the result returns true.</param>
    public abstract bool RecordSuccess(ref int consecutiveFailures, bool slow, long now, out Trip trip);

    /// <summary>A failure that counts while closed: true when the circuit opens now.</summary>
    /// <param name="consecutiveFailures">The connection's consecutive count.</param>
    /// <param name="options">The connection's current options.</param>
    /// <param name="slow">Whether the call was slow (only with the slow-call rule on).</param>
    /// <param name="now">The registry clock's timestamp of the result.</param>
    /// <param name="reason">The failure's reason.</param>
    /// <param name="trip">Which rule tripped, and its account, when the result returns true.</param>
    public abstract bool RecordFailure(ref int consecutiveFailures, ConnectionOptions options, bool slow, long now, string? reason, out Trip trip);

    /// <summary>The circuit opened. The consecutive count keeps the value that tripped it until the circuit closes.</summary>
    public abstract void OnOpened();

    /// <summary>The circuit closed (a probe, a manual Close or Reset): counting starts again.</summary>
    public abstract void OnClosed(ref int consecutiveFailures);
}

/// <summary>Why a circuit opens by itself, and its account of it: the opening's reason and event data.</summary>
/// <param name="Rule">The rule that tripped; null for an opening from half-open (a failed, slow or timed-out probe).</param>
/// <param name="Reason">The opening's reason: the failure's own for the consecutive rule, the rate's account for a rate rule.</param>
/// <param name="SampledCalls">For a rate rule: the calls in the window when it tripped.</param>
/// <param name="Rate">For a rate rule: the rate that reached its ratio, in [0, 1].</param>
internal readonly record struct Trip(CircuitTrip? Rule, string? Reason, int? SampledCalls = null, double? Rate = null);
