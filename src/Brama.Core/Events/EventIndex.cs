namespace Brama;

/// <summary>
/// Where a subscription is indexed: a connection (or any) × a scope (or unscoped only, or any). Exact ordinal keys.
/// </summary>
internal readonly record struct RouteKey(string? Connection, string? Scope, bool UnscopedOnly)
{
    public bool AnyConnection => Connection is null;

    public bool AnyScope => Scope is null && !UnscopedOnly;

    /// <summary>The key an event of (<paramref name="connection"/>, <paramref name="scope"/>) matches for a given connection part.</summary>
    public static RouteKey ForScope(string? connection, string? scope) =>
        scope is null ? new RouteKey(connection, null, UnscopedOnly: true) : new RouteKey(connection, scope, UnscopedOnly: false);
}

/// <summary>The subscriptions of one route, by event type.</summary>
internal sealed class Route
{
    public Route(uint eventMask, Subscription[][] byType)
    {
        EventMask = eventMask;
        ByType = byType;
    }

    public uint EventMask { get; }

    public Subscription[][] ByType { get; }
}

/// <summary>
/// The routes an event of one connection can match: the four keyed ones, and one of the subscriptions whose condition
/// (scope prefix, metadata) this connection meets. Built once per connection and index.
/// </summary>
internal readonly struct RouteSet
{
    private readonly Route? _any;
    private readonly Route? _connection;
    private readonly Route? _scope;
    private readonly Route? _exact;
    private readonly Route? _conditional;

    public RouteSet(Route? any, Route? connection, Route? scope, Route? exact, Route? conditional)
    {
        _any = any;
        _connection = connection;
        _scope = scope;
        _exact = exact;
        _conditional = conditional;
        EventMask = (any?.EventMask ?? 0) | (connection?.EventMask ?? 0) | (scope?.EventMask ?? 0) | (exact?.EventMask ?? 0) | (conditional?.EventMask ?? 0);
    }

    /// <summary>The event types at least one matching subscription wants.</summary>
    public uint EventMask { get; }

    public bool Wants(EventType type) => (EventMask & EventTypeSet.Bit(type)) != 0;

    public void Deliver(BramaEvent bramaEvent)
    {
        Deliver(_any, bramaEvent);
        Deliver(_connection, bramaEvent);
        Deliver(_scope, bramaEvent);
        Deliver(_exact, bramaEvent);
        Deliver(_conditional, bramaEvent);
    }

    private static void Deliver(Route? route, BramaEvent bramaEvent)
    {
        if (route is null)
        {
            return;
        }

        foreach (var subscription in route.ByType[(int)bramaEvent.Type])
        {
            subscription.Enqueue(bramaEvent);
        }
    }
}

/// <summary>The routes of one connection under one index: cached on the connection so that a report skips the lookup.</summary>
internal sealed class RouteCache
{
    public RouteCache(EventIndex index, IReadOnlyDictionary<string, string> metadata, RouteSet routes)
    {
        Index = index;
        Metadata = metadata;
        Routes = routes;
    }

    public EventIndex Index { get; }

    /// <summary>The connection's metadata the routes were found for: conditions on metadata need a new lookup when it changes.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    // A field, not a property: the hot path calls the routes in place instead of copying four references.
    public readonly RouteSet Routes;
}

/// <summary>
/// An immutable snapshot of every subscription, indexed by event type × connection × scope so that a publish looks up
/// at most four routes and touches only matching subscriptions. Rebuilt (copy-on-write) on subscribe and unsubscribe.
/// </summary>
internal sealed class EventIndex
{
    private readonly Route? _any;
    private readonly Dictionary<RouteKey, Route>? _routes;
    private readonly bool _hasConnectionRoutes;
    private readonly bool _hasScopeRoutes;
    private readonly bool _hasExactRoutes;
    private readonly Subscription[] _conditional;

    public EventIndex(Subscription[] subscriptions)
    {
        Subscriptions = subscriptions;
        var groups = new Dictionary<RouteKey, List<Subscription>>();
        var conditional = new List<Subscription>();
        foreach (var subscription in subscriptions)
        {
            EventMask |= subscription.EventMask;
            if (subscription.Condition is not null)
            {
                conditional.Add(subscription);
                continue;
            }

            if (!groups.TryGetValue(subscription.Route, out var group))
            {
                groups.Add(subscription.Route, group = []);
            }

            group.Add(subscription);
        }

        foreach (var (key, group) in groups)
        {
            var route = BuildRoute(group);
            if (key.AnyConnection && key.AnyScope)
            {
                _any = route;
                continue;
            }

            (_routes ??= []).Add(key, route);
            _hasConnectionRoutes |= !key.AnyConnection && key.AnyScope;
            _hasScopeRoutes |= key.AnyConnection && !key.AnyScope;
            _hasExactRoutes |= !key.AnyConnection && !key.AnyScope;
        }

        _conditional = [.. conditional];
    }

    public static EventIndex Empty { get; } = new([]);

    /// <summary>Every subscription, in subscription order.</summary>
    public Subscription[] Subscriptions { get; }

    /// <summary>Every event type some subscription wants.</summary>
    public uint EventMask { get; }

    /// <summary>Whether a subscription's condition reads the connection's metadata, so that a metadata change needs a new lookup.</summary>
    public bool HasConditions => _conditional.Length > 0;

    public RouteSet Find(string connection, string? scope, IReadOnlyDictionary<string, string> metadata)
    {
        Route? byConnection = null, byScope = null, exact = null;
        if (_routes is not null)
        {
            if (_hasConnectionRoutes)
            {
                _routes.TryGetValue(new RouteKey(connection, null, UnscopedOnly: false), out byConnection);
            }

            if (_hasScopeRoutes)
            {
                _routes.TryGetValue(RouteKey.ForScope(null, scope), out byScope);
            }

            if (_hasExactRoutes)
            {
                _routes.TryGetValue(RouteKey.ForScope(connection, scope), out exact);
            }
        }

        return new RouteSet(_any, byConnection, byScope, exact, FindConditional(connection, scope, metadata));
    }

    private Route? FindConditional(string connection, string? scope, IReadOnlyDictionary<string, string> metadata)
    {
        List<Subscription>? matching = null;
        foreach (var subscription in _conditional)
        {
            var route = subscription.Route;
            if ((route.AnyConnection || string.Equals(route.Connection, connection, StringComparison.Ordinal)) &&
                (route.AnyScope || (route.UnscopedOnly ? scope is null : string.Equals(route.Scope, scope, StringComparison.Ordinal))) &&
                subscription.Condition!.Matches(scope, metadata))
            {
                (matching ??= []).Add(subscription);
            }
        }

        return matching is null ? null : BuildRoute(matching);
    }

    private static Route BuildRoute(List<Subscription> group)
    {
        var byType = new Subscription[EventTypeSet.Count][];
        uint mask = 0;
        for (var type = 0; type < EventTypeSet.Count; type++)
        {
            var bit = 1u << type;
            byType[type] = group.Where(s => (s.EventMask & bit) != 0).ToArray();
            if (byType[type].Length > 0)
            {
                mask |= bit;
            }
        }

        return new Route(mask, byType);
    }
}
