using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>
/// This instance's membership of a fleet over Redis (docs/fleet.md): openings of fleet-wide connections
/// (<see cref="ConnectionOptions.FleetWide"/>) travel to the other instances, one instance at a time probes for the
/// fleet, and operator commands reach every instance. Nothing of it runs on the call path: transitions leave through
/// an event subscription and arrive on StackExchange.Redis's threads. When Redis does not answer, every instance keeps
/// breaking on its own and re-syncs when it answers again.
/// </summary>
public sealed partial class RedisFleet : IAsyncDisposable, IFleetProbeGate
{
    private static readonly EventFilter Transitions = new()
    {
        Events = [EventType.CircuitOpened, EventType.CircuitClosed, EventType.CircuitReset],
        Where = static e => e.Data.FleetOrigin is null,
    };

    private readonly ConnectionRegistry _registry;
    private readonly RedisFleetOptions _options;
    private readonly FleetKeys _keys;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Identifier, string? Scope), byte> _leases = new();
    private readonly ConcurrentDictionary<(string Identifier, string? Scope), byte> _acquiring = new();
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(500);
    private const int ReconnectInterval = 1000;

    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private ConnectionMultiplexer? _redis;
    private Subscription? _events;
    private volatile bool _connected;
    private volatile bool _subscribed;
    private volatile bool _disposed;
    private int _syncRequests;
    private long _outages;
    private long _resyncs;
    private long _lastResyncTicks;
    private long _sent;
    private long _received;
    private long _ignored;
    private long _sendFailures;
    private string? _lastIgnoredReason;

    /// <summary>Creates the membership; <see cref="StartAsync"/> joins. Throws for invalid options, naming the option.</summary>
    /// <param name="registry">The registry whose fleet-wide connections take part.</param>
    /// <param name="options">The fleet, the Redis configuration and the protocol's settings.</param>
    public RedisFleet(ConnectionRegistry registry, RedisFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _registry = registry;
        _options = options;
        _keys = new FleetKeys(options.FleetName);
        _logger = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>The fleet's name.</summary>
    public string FleetName => _options.FleetName;

    /// <summary>This instance's name in the fleet.</summary>
    public string InstanceId => _options.InstanceId;

    /// <summary>Creates the membership and joins (see <see cref="StartAsync"/>).</summary>
    /// <param name="registry">The registry whose fleet-wide connections take part.</param>
    /// <param name="options">The fleet, the Redis configuration and the protocol's settings.</param>
    /// <param name="cancellationToken">Cancels the wait for Redis.</param>
    public static async Task<RedisFleet> JoinAsync(ConnectionRegistry registry, RedisFleetOptions options, CancellationToken cancellationToken = default)
    {
        var fleet = new RedisFleet(registry, options);
        try
        {
            await fleet.StartAsync(cancellationToken).ConfigureAwait(false);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Joins: connects to Redis, listens to the fleet, adopts the openings running in the fleet (so a starting or
    /// restarted instance is open where the fleet is before its first call) and publishes its own. When Redis does not
    /// answer it returns all the same: the instance breaks locally and joins when Redis answers.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for Redis.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_redis is not null)
        {
            return;
        }

        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new LinearRetry(ReconnectInterval);
        configuration.ClientName ??= "brama-" + _options.InstanceId;
        _redis = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken).ConfigureAwait(false);
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        _connected = _redis.IsConnected;

        _registry.FleetProbeGate = this;
        _events = _registry.Events.Subscribe(new TransitionSender(this), Transitions);
        if (_connected && !await TrySyncAsync().ConfigureAwait(false))
        {
            RequestSync();
        }

        _watching = Task.Run(WatchAsync, CancellationToken.None);
    }

    /// <summary>What this instance knows of its fleet now.</summary>
    public RedisFleetStatus Status => new()
    {
        FleetName = _options.FleetName,
        InstanceId = _options.InstanceId,
        IsConnected = _connected,
        Outages = Interlocked.Read(ref _outages),
        Resyncs = Interlocked.Read(ref _resyncs),
        LastResyncAt = Interlocked.Read(ref _lastResyncTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null,
        MessagesSent = Interlocked.Read(ref _sent),
        MessagesReceived = Interlocked.Read(ref _received),
        MessagesIgnored = Interlocked.Read(ref _ignored),
        SendFailures = Interlocked.Read(ref _sendFailures),
        LastIgnoredReason = Volatile.Read(ref _lastIgnoredReason),
    };

    /// <summary>Leaves the fleet: stops listening and sending, gives back the probe leases it holds. Local circuits keep their state.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        _events?.Dispose();
        if (ReferenceEquals(_registry.FleetProbeGate, this))
        {
            _registry.FleetProbeGate = null;
        }

        if (_redis is { } redis)
        {
            foreach (var (identifier, scope) in _leases.Keys)
            {
                await ReleaseLeaseAsync(identifier, scope).ConfigureAwait(false);
            }

            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
            await redis.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            redis.Dispose();
        }

        _stopping.Dispose();

    }

    private IDatabase Database => _redis!.GetDatabase();

    /// <summary>The origin of this instance's operator commands, as events elsewhere show it.</summary>
    private string OperatorOrigin => "operator@" + _options.InstanceId;

    private long NowUnixMilliseconds => _registry.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;
}
