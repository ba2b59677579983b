namespace Brama;

/// <summary>
/// Opens the circuit after <see cref="ConnectionOptions.MaxAttempts"/> failures in a row; a success starts the count
/// again. Stateless: the count is the connection's, so one instance serves every connection.
/// </summary>
internal sealed class ConsecutiveFailuresRule : TripRule
{
    public static ConsecutiveFailuresRule Instance { get; } = new();

    public override bool RecordSuccess(ref int consecutiveFailures, bool slow, long now, out Trip trip)
    {
        consecutiveFailures = 0;
        trip = default;
        return false;
    }

    public override bool RecordFailure(ref int consecutiveFailures, ConnectionOptions options, bool slow, long now, string? reason, out Trip trip) =>
        Count(ref consecutiveFailures, options, reason, out trip);

    public override void OnOpened()
    {
    }

    public override void OnClosed(ref int consecutiveFailures) => consecutiveFailures = 0;

    /// <summary>Counts one failure in a row: true when that makes <see cref="ConnectionOptions.MaxAttempts"/>.</summary>
    // A lowered MaxAttempts applies from the next failure.
    internal static bool Count(ref int consecutiveFailures, ConnectionOptions options, string? reason, out Trip trip)
    {
        var opens = ++consecutiveFailures >= options.MaxAttempts;
        trip = opens ? new Trip(CircuitTrip.ConsecutiveFailures, reason) : default;
        return opens;
    }
}
