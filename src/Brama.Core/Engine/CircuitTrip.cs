namespace Brama;

/// <summary>The trip rule that opened a closed circuit (design §2.3).</summary>
public enum CircuitTrip
{
    /// <summary><see cref="ConnectionOptions.MaxAttempts"/> failures in a row.</summary>
    ConsecutiveFailures,

    /// <summary>The window's failure rate reached <see cref="ConnectionOptions.FailureRatio"/>.</summary>
    FailureRate,

    /// <summary>The window's slow-call rate reached <see cref="ConnectionOptions.SlowCallRatio"/>.</summary>
    SlowCallRate,
}
