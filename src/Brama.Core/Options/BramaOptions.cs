using Microsoft.Extensions.Logging;

namespace Brama;

/// <summary>
/// Registry-wide options: the defaults of new connections, the status manager's sweep interval, and the event
/// system's queue bound and logger.
/// </summary>
public sealed record BramaOptions
{
    private readonly ConnectionOptions _defaults = ConnectionOptions.Default;
    private readonly TimeSpan _cleanupInterval = TimeSpan.FromSeconds(10);
    private readonly int _eventQueueCapacity = 1024;
    private readonly int _maxDynamicScopes = 10_000;
    private readonly TimeSpan _dynamicScopeIdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest <see cref="CleanupInterval"/>: the longest period a .NET timer accepts (4,294,967,294 ms, about
    /// 49.7 days).
    /// </summary>
    public static readonly TimeSpan MaxCleanupInterval = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>The defaults: <see cref="ConnectionOptions.Default"/> and a 10 s cleanup interval.</summary>
    public static BramaOptions Default { get; } = new();

    /// <summary>Options of connections registered without their own.</summary>
    public ConnectionOptions Defaults
    {
        get => _defaults;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Defaults));
            value.Validate(nameof(Defaults));
            _defaults = value;
        }
    }

    /// <summary>How often the status manager sweeps: expiries, stuck probes, idle connections. Default 10 s.</summary>
    public TimeSpan CleanupInterval
    {
        get => _cleanupInterval;
        init => _cleanupInterval = value > TimeSpan.Zero && value <= MaxCleanupInterval
            ? value
            : throw new ArgumentOutOfRangeException(
                nameof(CleanupInterval), value, "Must be greater than zero and at most BramaOptions.MaxCleanupInterval (about 49.7 days).");
    }

    /// <summary>
    /// How many per-call events (everything except the transition events) one subscriber's queue holds before newer
    /// ones are dropped and counted. Transition events are never dropped. Read when a subscription is made. Default 1024.
    /// </summary>
    public int EventQueueCapacity
    {
        get => _eventQueueCapacity;
        init => _eventQueueCapacity = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(EventQueueCapacity), value, "Must be at least 1.");
    }

    /// <summary>
    /// How many scopes that calls choose (<c>ScopeParameter</c>, the HttpClient handler's per-authority circuits,
    /// <see cref="ConnectionRegistry.GetOrRegisterDynamicScope"/>) one identifier may have at once. Past it, new values
    /// share the identifier's overflow circuit (scope <see cref="ConnectionRegistry.OverflowScope"/>) until idle ones
    /// are removed. Default 10,000.
    /// </summary>
    public int MaxDynamicScopes
    {
        get => _maxDynamicScopes;
        init => _maxDynamicScopes = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDynamicScopes), value, "Must be at least 1.");
    }

    /// <summary>
    /// How long a scope that calls chose may go without calls before the sweep removes it (or the connection's own
    /// <see cref="ConnectionOptions.InactivityTimeout"/>, when shorter). Default 10 minutes.
    /// </summary>
    public TimeSpan DynamicScopeIdleTimeout
    {
        get => _dynamicScopeIdleTimeout;
        init => _dynamicScopeIdleTimeout = value > TimeSpan.Zero && value <= ConnectionOptions.MaxTime
            ? value
            : throw new ArgumentOutOfRangeException(nameof(DynamicScopeIdleTimeout), value, "Must be greater than zero and at most 365 days.");
    }

    /// <summary>
    /// Where exceptions thrown by event handlers are logged, besides the "Brama" <see cref="System.Diagnostics.Tracing.EventSource"/>.
    /// The registry's current options are consulted when a handler throws. Default none.
    /// </summary>
    public ILogger? Logger { get; init; }
}
