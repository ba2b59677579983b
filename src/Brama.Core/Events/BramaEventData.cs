using System.Collections.ObjectModel;

namespace Brama;

/// <summary>The data of one <see cref="BramaEvent"/>, taken when the action happened.</summary>
/// <remarks>
/// Every event carries both states: for an action that changes no state (a success, a registration …) they are equal.
/// </remarks>
public readonly record struct BramaEventData
{
    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, string>? _metadata;

    /// <summary>The circuit state before the action.</summary>
    public CircuitState PreviousState { get; init; }

    /// <summary>The circuit state after the action.</summary>
    public CircuitState NewState { get; init; }

    /// <summary>The failure or manual reason, when one was given.</summary>
    public string? Reason { get; init; }

    /// <summary>The consecutive failure count after the action.</summary>
    public int FailureCount { get; init; }

    /// <summary>The consecutive openings after the action (the k of progressive expiry).</summary>
    public int Openings { get; init; }

    /// <summary>When the circuit opened: how long until a call may be attempted.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether the action was a manual Open, Close or Reset.</summary>
    public bool IsManual { get; init; }

    /// <summary>For an Opened event of a closed circuit: the trip rule that opened it; null otherwise.</summary>
    public CircuitTrip? TrippedBy { get; init; }

    /// <summary>For an opening by a rate rule: the calls in the window when it tripped.</summary>
    public int? SampledCalls { get; init; }

    /// <summary>For an opening by a rate rule: the failure or slow-call rate that reached its ratio, in [0, 1].</summary>
    public double? TripRate { get; init; }

    /// <summary>
    /// For a transition a fleet brought (<see cref="ConnectionRegistry.ApplyFleetTransition"/>): the instance or operator
    /// it came from; null for this instance's own transitions.
    /// </summary>
    public string? FleetOrigin { get; init; }

    /// <summary>The connection's user metadata (<see cref="ConnectionOptions.Metadata"/>); never null.</summary>
    public IReadOnlyDictionary<string, string> Metadata
    {
        get => _metadata ?? EmptyMetadata;
        init => _metadata = value;
    }

    /// <summary>The data of an engine signal, with the connection's metadata.</summary>
    internal static BramaEventData From(in SignalData data, IReadOnlyDictionary<string, string> metadata) => new()
    {
        PreviousState = data.PreviousState,
        NewState = data.NewState,
        Reason = data.Reason,
        FailureCount = data.FailureCount,
        Openings = data.Openings,
        RetryAfter = data.RetryAfter,
        IsManual = data.IsManual,
        TrippedBy = data.Trip?.Rule,
        SampledCalls = data.Trip?.SampledCalls,
        TripRate = data.Trip?.Rate,
        FleetOrigin = data.FleetOrigin,
        Metadata = metadata,
    };
}
