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

/// <summary>The (at most four) routes an event of one connection can match: a stack value built per publish.</summary>
internal readonly struct RouteSet
{
    private readonly Route? _any;
    private readonly Route? _connection;
    private readonly Route? _scope;
    private readonly Route? _exact;

    public RouteSet(Route? any, Route? connection, Route? scope, Route? exact)
    {
        _any = any;
        _connection = connection;
        _scope = scope;
        _exact = exact;
        EventMask = (any?.EventMask ?? 0) | (connection?.EventMask ?? 0) | (scope?.EventMask ?? 0) | (exact?.EventMask ?? 0);
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
    public RouteCache(EventIndex index, RouteSet routes)
    {
        Index = index;
        Routes = routes;
    }

    public EventIndex Index { get; }

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

    public EventIndex(Subscription[] subscriptions)
    {
        Subscriptions = subscriptions;
        var groups = new Dictionary<RouteKey, List<Subscription>>();
        foreach (var subscription in subscriptions)
        {
            EventMask |= subscription.EventMask;
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
    }

    public static EventIndex Empty { get; } = new([]);

    /// <summary>Every subscription, in subscription order.</summary>
    public Subscription[] Subscriptions { get; }

    /// <summary>A bitmask over <see cref="EngineSignal"/> of the signals some subscription wants.</summary>
    /// <summary>Every event type some subscription wants.</summary>
    public uint EventMask { get; }

    public RouteSet Find(string connection, string? scope)
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

        return new RouteSet(_any, byConnection, byScope, exact);
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
