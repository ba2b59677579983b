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
    /// Where exceptions thrown by event handlers are logged, besides the "Brama" <see cref="System.Diagnostics.Tracing.EventSource"/>.
    /// The registry's current options are consulted when a handler throws. Default none.
    /// </summary>
    public ILogger? Logger { get; init; }
}
