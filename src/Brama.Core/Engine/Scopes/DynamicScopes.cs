using System.Collections.Concurrent;

namespace Brama;

/// <summary>
/// The scopes that calls choose (a tenant, a region, a host), per identifier: counted against
/// <see cref="BramaOptions.MaxDynamicScopes"/>, removed when idle like any connection (after
/// <see cref="BramaOptions.DynamicScopeIdleTimeout"/> at most), and past the limit sent to one overflow circuit of the
/// identifier, which a log warning (at most once per cleanup interval) and a metric report. Values come from outside
/// the program, so nothing here grows with the number of distinct values.
/// </summary>
internal sealed class DynamicScopes
{
    private readonly ConnectionRegistry _registry;
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConnectionOptions> _templates = new(StringComparer.Ordinal);

    public DynamicScopes(ConnectionRegistry registry) => _registry = registry;

    /// <summary>
    /// The connection of (<paramref name="identifier"/>, <paramref name="scope"/>): registered already, registered now
    /// within the identifier's limit, or the identifier's overflow circuit. The names are valid.
    /// </summary>
    public Connection GetOrRegister(string identifier, string scope, ConnectionOptions? declared)
    {
        var key = new ConnectionKey(identifier, scope);
        if (_registry.TryGetEntry(key, out var existing))
        {
            return existing;
        }

        var options = OptionsFor(identifier, declared);
        var budget = _budgets.GetOrAdd(identifier, static _ => new Budget());
        if (!budget.TryReserve(_registry.Options.MaxDynamicScopes))
        {
            return Overflow(identifier, options, budget);
        }

        if (!_registry.TryAddDynamic(key, options, out var connection))
        {
            budget.Release(); // another call registered it first (or it was registered by hand meanwhile)
        }

        return connection;
    }

    /// <summary>The options of <paramref name="identifier"/>'s dynamic scopes, over those a declaration gives; null removes them.</summary>
    public void Configure(string identifier, ConnectionOptions? options)
    {
        if (options is null)
        {
            _templates.TryRemove(identifier, out _);
        }
        else
        {
            _templates[identifier] = options;
        }
    }

    /// <summary>How many dynamic scopes <paramref name="identifier"/> has now.</summary>
    public int CountOf(string identifier) => _budgets.TryGetValue(identifier, out var budget) ? budget.Count : 0;

    /// <summary>A dynamic scope of <paramref name="identifier"/> left the registry (idle, unregistered).</summary>
    public void Released(string identifier)
    {
        if (_budgets.TryGetValue(identifier, out var budget))
        {
            budget.Release();
        }
    }

    private ConnectionOptions OptionsFor(string identifier, ConnectionOptions? declared)
    {
        var options = _templates.TryGetValue(identifier, out var template) ? template : declared ?? _registry.Options.Defaults;
        var idle = _registry.Options.DynamicScopeIdleTimeout;
        return options.InactivityTimeout is { } own && own <= idle ? options : options with { InactivityTimeout = idle };
    }

    private Connection Overflow(string identifier, ConnectionOptions options, Budget budget)
    {
        var overflow = _registry.GetOrRegister(identifier, ConnectionRegistry.OverflowScope, options);
        overflow.SignalScopeOverflowed();
        var now = _registry.TimeProvider.GetTimestamp();
        if (budget.TryClaimWarning(now, _registry.TimeProvider, _registry.Options.CleanupInterval))
        {
            ScopeLog.LimitReached(_registry.Options.Logger, ConnectionRegistry.Describe(identifier, null), _registry.Options.MaxDynamicScopes, ConnectionRegistry.OverflowScope);
        }

        return overflow;
    }

    /// <summary>One identifier's count of dynamic scopes, and when the limit was last reported.</summary>
    private sealed class Budget
    {
        private int _count;
        private long _lastWarning = long.MinValue;

        public int Count => Volatile.Read(ref _count);

        public bool TryReserve(int limit)
        {
            var seen = Volatile.Read(ref _count);
            while (seen < limit)
            {
                var found = Interlocked.CompareExchange(ref _count, seen + 1, seen);
                if (found == seen)
                {
                    return true;
                }

                seen = found;
            }

            return false;
        }

        public void Release() => Interlocked.Decrement(ref _count);

        public bool TryClaimWarning(long now, TimeProvider time, TimeSpan interval)
        {
            var last = Volatile.Read(ref _lastWarning);
            return (last == long.MinValue || time.GetElapsedTime(last, now) >= interval) &&
                Interlocked.CompareExchange(ref _lastWarning, now, last) == last;
        }
    }
}
