namespace Brama;

/// <summary>
/// Opens the circuit after <see cref="ConnectionOptions.MaxAttempts"/> failures in a row; a success starts the count
/// again. Stateless: the count is the connection's, so one instance serves every connection.
/// </summary>
internal sealed class ConsecutiveFailuresRule : TripRule
{
    public static ConsecutiveFailuresRule Instance { get; } = new();

    public override bool SeesEverySuccess => false;

    public override void RecordSuccess(ref int consecutiveFailures) => consecutiveFailures = 0;

    // A lowered MaxAttempts applies from the next failure.
    public override bool RecordFailure(ref int consecutiveFailures, ConnectionOptions options, ref string? openingReason) =>
        ++consecutiveFailures >= options.MaxAttempts;

    public override void OnOpened()
    {
    }

    public override void OnClosed(ref int consecutiveFailures) => consecutiveFailures = 0;
}
