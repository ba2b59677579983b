using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// Brama's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named "Brama" and shared by every registry (tags
/// tell connections apart). Every recording method returns at once when nothing listens: no tags, no strings.
/// </summary>
internal static class BramaTelemetry
{
    private static readonly object SourcesGate = new();
    private static readonly List<WeakReference<ICircuitStateSource>> StateSources = [];
    private static readonly string? Version = typeof(BramaTelemetry).Assembly.GetName().Version?.ToString();

    public static Meter Meter { get; } = new(TelemetryNames.Source, Version);

    public static ActivitySource ActivitySource { get; } = new(TelemetryNames.Source, Version);

    public static Counter<long> Calls { get; } = Meter.CreateCounter<long>(
        TelemetryNames.Calls, "{call}", "Calls through Brama connections, by outcome: success, failure, ignored or rejected.");

    public static Counter<long> Transitions { get; } = Meter.CreateCounter<long>(
        TelemetryNames.Transitions, "{transition}", "Circuit state transitions, by previous and new state.");

    public static Counter<long> EventsDropped { get; } = Meter.CreateCounter<long>(
        TelemetryNames.EventsDropped, "{event}", "Per-call events dropped because a subscriber's queue was full.");

    public static Counter<long> ScopeOverflows { get; } = Meter.CreateCounter<long>(
        TelemetryNames.ScopeOverflows, "{call}", "Calls for a new scope value sent to the connection's overflow circuit because its dynamic scopes were at their limit.");

    public static ObservableGauge<int> State { get; } = Meter.CreateObservableGauge(
        TelemetryNames.State, static () => Observe<int>(static status => (int)status.State), "{state}", "The circuit state of each connection: 0 closed, 1 open, 2 half-open.");

    public static ObservableGauge<double> FailureRate { get; } = Meter.CreateObservableGauge(
        TelemetryNames.FailureRate, static () => Observe<double>(static status => status.Options.FailureRatio is null ? null : status.FailureRate), "1",
        "The failure rate in the window of each connection with the failure-rate rule, from 0 to 1.");

    public static ObservableGauge<double> SlowCallRate { get; } = Meter.CreateObservableGauge(
        TelemetryNames.SlowCallRate, static () => Observe<double>(static status => status.Options.SlowCallDuration is null ? null : status.SlowCallRate), "1",
        "The slow-call rate in the window of each connection with the slow-call rule, from 0 to 1.");

    // Explicit, so it runs before any member is used: the engine reads these instruments' switches from its first signal.
    static BramaTelemetry() => SignalDemand.Install(Calls, Transitions, ActivitySource, ScopeOverflows);

    /// <summary>Counts a call; the caller checked that a listener records <c>brama.calls</c>.</summary>
    public static void RecordCall(string connection, string? scope, string outcome)
    {
        var tags = ConnectionTags(connection, scope);
        tags.Add(TelemetryNames.OutcomeTag, outcome);
        Calls.Add(1, tags);
    }

    /// <summary>Counts a transition; the caller checked that a listener records <c>brama.circuit.transitions</c>.</summary>
    public static void RecordTransition(string connection, string? scope, CircuitState from, CircuitState to)
    {
        var tags = ConnectionTags(connection, scope);
        tags.Add(TelemetryNames.FromStateTag, TelemetryNames.StateName(from));
        tags.Add(TelemetryNames.ToStateTag, TelemetryNames.StateName(to));
        Transitions.Add(1, tags);
    }

    /// <summary>Counts a call sent to an overflow circuit; the caller checked that a listener records <c>brama.scope.overflows</c>.</summary>
    public static void RecordScopeOverflow(string connection)
    {
        var tags = ConnectionTags(connection, ConnectionRegistry.OverflowScope);
        ScopeOverflows.Add(1, tags);
    }

    public static void RecordDropped(string eventTypeName, string connection, string? scope)
    {
        if (!EventsDropped.Enabled)
        {
            return;
        }

        var tags = ConnectionTags(connection, scope);
        tags.Add(TelemetryNames.EventTypeTag, eventTypeName);
        EventsDropped.Add(1, tags);
    }

    /// <summary>Adds an event to the current activity, when it is sampled with all data.</summary>
    public static void AddRejectedEvent(TimeProvider time, string connection, string? scope, CircuitState state, TimeSpan? retryAfter)
    {
        if (Activity.Current is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var tags = ActivityTags(connection, scope);
        tags.Add(TelemetryNames.StateTag, TelemetryNames.StateName(state));
        if (retryAfter is { } left)
        {
            tags.Add(TelemetryNames.RetryAfterTag, left.TotalMilliseconds);
        }

        activity.AddEvent(new ActivityEvent(TelemetryNames.RejectedActivityEvent, time.GetUtcNow(), tags));
    }

    /// <summary>Adds a transition event to the current activity, when it is sampled with all data.</summary>
    public static void AddTransitionEvent(
        TimeProvider time, string connection, string? scope, CircuitState from, CircuitState to, bool isManual, string? reason)
    {
        if (Activity.Current is not { IsAllDataRequested: true } activity)
        {
            return;
        }

        var tags = ActivityTags(connection, scope);
        tags.Add(TelemetryNames.FromStateTag, TelemetryNames.StateName(from));
        tags.Add(TelemetryNames.ToStateTag, TelemetryNames.StateName(to));
        tags.Add(TelemetryNames.ManualTag, isManual);
        if (reason is not null)
        {
            tags.Add(TelemetryNames.ReasonTag, reason);
        }

        activity.AddEvent(new ActivityEvent(TelemetryNames.TransitionActivityEvent, time.GetUtcNow(), tags));
    }

    /// <summary>Adds a registry's connections to the state gauge (held weakly: a registry dropped undisposed goes away).</summary>
    public static void AddStateSource(ICircuitStateSource source)
    {
        lock (SourcesGate)
        {
            StateSources.Add(new WeakReference<ICircuitStateSource>(source));
        }
    }

    public static void RemoveStateSource(ICircuitStateSource source)
    {
        lock (SourcesGate)
        {
            StateSources.RemoveAll(reference => !reference.TryGetTarget(out var target) || ReferenceEquals(target, source));
        }
    }

    // One measurement per connection the value applies to (null: not this connection, e.g. a rate without its rule).
    private static List<Measurement<T>> Observe<T>(Func<ConnectionStatus, T?> value)
        where T : struct
    {
        var sources = new List<ICircuitStateSource>();
        lock (SourcesGate)
        {
            StateSources.RemoveAll(reference => !reference.TryGetTarget(out _));
            foreach (var reference in StateSources)
            {
                if (reference.TryGetTarget(out var source))
                {
                    sources.Add(source);
                }
            }
        }

        var measurements = new List<Measurement<T>>();
        foreach (var source in sources)
        {
            IReadOnlyList<ConnectionStatus> statuses;
            try
            {
                statuses = source.Connections;
            }
            catch (Exception exception)
            {
                // One broken registry must not hide the others' connections from the gauge.
                BramaEventSource.Log.GaugeFailed(exception.ToString());
                continue;
            }

            foreach (var status in statuses)
            {
                if (value(status) is { } measured)
                {
                    measurements.Add(new Measurement<T>(measured, ConnectionTags(status.Identifier, status.Scope)));
                }
            }
        }

        return measurements;
    }

    // An unscoped connection has no scope tag (an absent attribute, as OpenTelemetry prefers to an empty one).
    private static TagList ConnectionTags(string connection, string? scope)
    {
        var tags = new TagList { { TelemetryNames.ConnectionTag, connection } };
        if (scope is not null)
        {
            tags.Add(TelemetryNames.ScopeTag, scope);
        }

        return tags;
    }

    private static ActivityTagsCollection ActivityTags(string connection, string? scope)
    {
        var tags = new ActivityTagsCollection { { TelemetryNames.ConnectionTag, connection } };
        if (scope is not null)
        {
            tags.Add(TelemetryNames.ScopeTag, scope);
        }

        return tags;
    }
}
