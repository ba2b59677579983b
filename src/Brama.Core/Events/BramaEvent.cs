using System.Globalization;

namespace Brama;

/// <summary>
/// One notification of a registry (see <see cref="EventBus"/>): what happened, when, to which connection, with the
/// data of the action. Immutable; one instance is shared by every subscriber it is delivered to.
/// </summary>
public sealed class BramaEvent
{
    /// <summary>Creates an event (the registry creates them; this constructor serves tests and adapters).</summary>
    /// <param name="type">What happened.</param>
    /// <param name="timestamp">When it happened, as the registry's wall clock told.</param>
    /// <param name="connection">The connection identifier.</param>
    /// <param name="scope">The connection scope, or <see langword="null"/>.</param>
    /// <param name="data">The data of the action.</param>
    public BramaEvent(EventType type, DateTimeOffset timestamp, string connection, string? scope, BramaEventData data)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Type = type;
        Timestamp = timestamp;
        Connection = connection;
        Scope = scope;
        Data = data;
    }

    /// <summary>What happened.</summary>
    public EventType Type { get; }

    /// <summary>When it happened: <see cref="TimeProvider.GetUtcNow"/> of the registry's clock.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The connection identifier.</summary>
    public string Connection { get; }

    /// <summary>The connection scope, or <see langword="null"/> for an unscoped connection.</summary>
    public string? Scope { get; }

    /// <summary>The data of the action: states, reason, counts, retry-after, manual flag, metadata.</summary>
    public BramaEventData Data { get; }

    /// <summary>A one-line description, for logs.</summary>
    public override string ToString()
    {
        var where = ConnectionRegistry.Describe(Connection, Scope);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Type} {where} at {Timestamp:O}: {Data.PreviousState} -> {Data.NewState}, failures {Data.FailureCount}, openings {Data.Openings}");
        if (Data.IsManual)
        {
            text += " (manual)";
        }

        return Data.Reason is null ? text : text + ": " + Data.Reason;
    }
}
