using System.Text;

namespace Brama;

/// <summary>
/// Which events a subscription receives. Every given field must match (AND); a <see langword="null"/> field matches
/// anything. Validated when a subscription is made: an empty <see cref="Events"/> list, an undefined event type, an
/// empty or whitespace connection, scope or scope prefix, <see cref="UnscopedOnly"/> together with <see cref="Scope"/>,
/// <see cref="ScopePrefix"/> together with either, or an empty metadata key is an <see cref="ArgumentException"/>.
/// </summary>
/// <remarks>
/// <see cref="Scope"/> <see langword="null"/> means any scope, scoped or not; to receive only unscoped connections set
/// <see cref="UnscopedOnly"/>. Two filters are equal when they select the same events (the order and repetition of
/// <see cref="Events"/> do not matter; <see cref="Metadata"/> by content, <see cref="Where"/> by delegate), which is
/// what <c>Unsubscribe(handler, filter)</c> compares.
/// <para>
/// <see cref="Connection"/>, <see cref="Scope"/>, <see cref="ScopePrefix"/> and <see cref="Metadata"/> are applied at
/// the source: the registry works out once per connection (and again when subscriptions or the connection's metadata
/// change) which subscriptions want its events, so an event no subscription wants is never built. <see cref="Where"/>
/// runs on the subscription's delivery side, before the handler or the stream's reader sees the event.
/// </para>
/// </remarks>
public sealed record EventFilter
{
    /// <summary>The event types to receive; <see langword="null"/> for all. Must not be empty.</summary>
    public IReadOnlyCollection<EventType>? Events { get; init; }

    /// <summary>The connection identifier to receive events of; <see langword="null"/> for any.</summary>
    public string? Connection { get; init; }

    /// <summary>The scope to receive events of; <see langword="null"/> for any scope (see <see cref="UnscopedOnly"/>).</summary>
    public string? Scope { get; init; }

    /// <summary>Receive only events of unscoped connections. Cannot be combined with <see cref="Scope"/>.</summary>
    public bool UnscopedOnly { get; init; }

    /// <summary>
    /// Receive only events of scopes that start with this text (ordinal), such as <c>"tenant-eu-"</c> among thousands
    /// of per-tenant scopes; <see langword="null"/> for any. Cannot be combined with <see cref="Scope"/> or
    /// <see cref="UnscopedOnly"/>.
    /// </summary>
    public string? ScopePrefix { get; init; }

    /// <summary>
    /// Receive only events of connections whose <see cref="ConnectionOptions.Metadata"/> holds every one of these
    /// entries (ordinal); <see langword="null"/> or empty for any.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>
    /// A condition of the subscriber's own, evaluated on the delivery side (the handler's loop or the stream's reader,
    /// never the publishing thread) for each event the other fields let through; <see langword="null"/> for none. An
    /// event it refuses is skipped; one it throws for is skipped and counted as a handler exception.
    /// </summary>
    public Func<BramaEvent, bool>? Where { get; init; }

    /// <summary>A filter for the given event types of any connection.</summary>
    /// <param name="events">The event types; at least one.</param>
    public static EventFilter ForEvents(params EventType[] events) => new() { Events = events };

    /// <inheritdoc/>
    public bool Equals(EventFilter? other) =>
        other is not null
        && EventMask(Events) == EventMask(other.Events)
        && string.Equals(Connection, other.Connection, StringComparison.Ordinal)
        && string.Equals(Scope, other.Scope, StringComparison.Ordinal)
        && UnscopedOnly == other.UnscopedOnly
        && string.Equals(ScopePrefix, other.ScopePrefix, StringComparison.Ordinal)
        && SourceCondition.SameMetadata(Metadata, other.Metadata)
        && Equals(Where, other.Where);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(
            EventMask(Events),
            Connection is null ? 0 : StringComparer.Ordinal.GetHashCode(Connection),
            Scope is null ? 0 : StringComparer.Ordinal.GetHashCode(Scope),
            UnscopedOnly,
            ScopePrefix is null ? 0 : StringComparer.Ordinal.GetHashCode(ScopePrefix),
            Metadata is null ? 0 : Metadata.Count,
            Where);

    // The record's ToString: the event list by content, not its collection type.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Events = ").Append(Events is null ? "(all)" : "[" + string.Join(", ", Events) + "]")
            .Append(", Connection = ").Append(Connection ?? "(any)")
            .Append(", Scope = ").Append(Scope ?? "(any)")
            .Append(", UnscopedOnly = ").Append(UnscopedOnly);
        if (ScopePrefix is not null)
        {
            builder.Append(", ScopePrefix = ").Append(ScopePrefix);
        }

        if (Metadata is { Count: > 0 })
        {
            builder.Append(", Metadata = {").Append(string.Join(", ", Metadata.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(static p => p.Key + " = " + p.Value))).Append('}');
        }

        if (Where is not null)
        {
            builder.Append(", Where = (predicate)");
        }

        return true;
    }

    /// <summary>Checks the filter and returns what the index needs; throws naming <paramref name="paramName"/>.</summary>
    internal static FilterSpec Compile(EventFilter? filter, string paramName)
    {
        if (filter is null)
        {
            return new FilterSpec(EventTypeSet.All, default, null);
        }

        var mask = EventTypeSet.All;
        if (filter.Events is { } events)
        {
            mask = 0;
            foreach (var type in events)
            {
                if (!EventTypeSet.IsDefined(type))
                {
                    throw new ArgumentException($"EventFilter.Events contains the undefined event type {(int)type}.", paramName);
                }

                mask |= EventTypeSet.Bit(type);
            }

            if (mask == 0)
            {
                throw new ArgumentException("EventFilter.Events must name at least one event type; use null for all events.", paramName);
            }
        }

        CheckName(filter.Connection, nameof(Connection), paramName);
        CheckName(filter.Scope, nameof(Scope), paramName);
        if (filter.UnscopedOnly && filter.Scope is not null)
        {
            throw new ArgumentException("EventFilter.UnscopedOnly cannot be combined with a Scope.", paramName);
        }

        CheckName(filter.ScopePrefix, nameof(ScopePrefix), paramName);
        if (filter.ScopePrefix is not null && (filter.Scope is not null || filter.UnscopedOnly))
        {
            throw new ArgumentException("EventFilter.ScopePrefix cannot be combined with a Scope or UnscopedOnly.", paramName);
        }

        var condition = SourceCondition.Create(filter.ScopePrefix, filter.Metadata, paramName);
        return new FilterSpec(mask, new RouteKey(filter.Connection, filter.Scope, filter.UnscopedOnly), condition);
    }

    /// <summary>An immutable copy, so that a caller changing its event list later changes nothing.</summary>
    internal EventFilter Freeze() => this with
    {
        Events = Events is null ? null : [.. Events.Distinct().Order()],
        Metadata = Metadata is null ? null : new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
    };

    private static void CheckName(string? value, string field, string paramName)
    {
        if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > ConnectionRegistry.MaxNameLength))
        {
            throw new ArgumentException(
                $"EventFilter.{field} must be null (any) or a non-empty, non-whitespace string of at most {ConnectionRegistry.MaxNameLength} characters.",
                paramName);
        }
    }

    // Undefined values fold into one bit above the defined ones, so equality stays total for invalid filters too.
    private static uint EventMask(IReadOnlyCollection<EventType>? events)
    {
        if (events is null)
        {
            return EventTypeSet.All;
        }

        uint mask = 0;
        foreach (var type in events)
        {
            mask |= EventTypeSet.IsDefined(type) ? EventTypeSet.Bit(type) : 1u << EventTypeSet.Count;
        }

        return mask;
    }
}

/// <summary>
/// A validated filter: the event-type bits, the route (connection × scope) it is indexed under, and a condition on the
/// connection (scope prefix, metadata) the index checks once per connection, or null.
/// </summary>
internal readonly record struct FilterSpec(uint EventMask, RouteKey Route, SourceCondition? Condition);
