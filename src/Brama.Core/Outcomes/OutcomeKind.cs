namespace Brama;

/// <summary>How a call's result counts for its circuit.</summary>
public enum OutcomeKind : byte
{
    /// <summary>The call succeeded: it resets the failure count and counts as a successful probe.</summary>
    Success = 0,

    /// <summary>The call failed: it counts towards opening the circuit, or reopens it from half-open.</summary>
    Failure = 1,

    /// <summary>The result says nothing about the dependency's health: the permit is released and nothing is counted.</summary>
    Ignore = 2,
}
