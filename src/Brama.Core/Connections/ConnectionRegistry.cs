using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>
/// Keeps every connection's circuit, keyed by (identifier, scope); runs the status manager's periodic sweep; publishes
/// events. All time comes from the <see cref="System.TimeProvider"/>. Thread-safe. Unknown connections answer false,
/// never throw; invalid arguments throw <see cref="ArgumentException"/> naming the parameter and change nothing.
/// </summary>
/// <remarks>
/// <para>
/// The key is the pair (identifier, scope), compared ordinally as two values: <c>"a:b"</c> unscoped and <c>"b"</c> in
/// scope <c>"a"</c> are different connections. An identifier is non-empty, not only white space, and at most
/// <see cref="MaxNameLength"/> characters; a scope is <see langword="null"/> (unscoped) or follows the same rules; an
/// empty scope is invalid, not "unscoped". Lookups are O(1).
/// </para>
/// <para>
/// After <see cref="Dispose"/> the periodic sweep and event delivery stop; everything else keeps working: connections
/// still admit and count calls, expiries still happen when a connection is touched, and <see cref="RunCleanup"/> still
/// sweeps on demand.
/// </para>
/// </remarks>
public sealed partial class ConnectionRegistry : IDisposable, ISweepTarget
{
    /// <summary>The longest accepted identifier or scope, in characters.</summary>
    public const int MaxNameLength = 256;

    private readonly ConnectionTable _connections = new();
    private readonly StatusManager _statusManager;
    private readonly object _configureGate = new();
    private const int AllSignals = -1;

    private volatile BramaOptions _options;
    private volatile int _subscribedSignals;

    /// <summary>Creates a registry.</summary>
    /// <param name="options">Registry-wide options; <see cref="BramaOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    public ConnectionRegistry(BramaOptions? options = null, TimeProvider? timeProvider = null)
        : this(options, timeProvider, signalTap: null)
    {
    }

    internal ConnectionRegistry(BramaOptions? options, TimeProvider? timeProvider, IEngineSignalTap? signalTap)
    {
        _options = options ?? BramaOptions.Default;
        TimeProvider = timeProvider ?? TimeProvider.System;
        Observer = new ConnectionObserver(TimeProvider, this);
        SignalTap = signalTap;
        _subscribedSignals = signalTap is null ? 0 : AllSignals;
        _statusManager = new StatusManager(TimeProvider, this, _options.CleanupInterval);
    }

    /// <summary>
    /// The process-wide registry used by decorated methods whose type declares none. Created on first use, with
    /// <see cref="BramaOptions.Default"/> and the system clock.
    /// </summary>
    public static ConnectionRegistry Default => DefaultRegistry.Instance;

    /// <summary>The registry's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The current registry-wide options.</summary>
    public BramaOptions Options => _options;

    /// <summary>
    /// Snapshots of every registered connection, ordered by identifier then scope (ordinal, unscoped first). Taking
    /// them applies due expiries and probe timeouts, like any status read.
    /// </summary>
    public IReadOnlyList<ConnectionStatus> Connections
    {
        get
        {
            var statuses = new List<ConnectionStatus>(_connections.Count);
            foreach (var connection in _connections)
            {
                statuses.Add(connection.GetStatus());
            }

            statuses.Sort(static (left, right) =>
            {
                var byIdentifier = string.CompareOrdinal(left.Identifier, right.Identifier);
                return byIdentifier != 0 ? byIdentifier : string.CompareOrdinal(left.Scope, right.Scope);
            });
            return statuses;
        }
    }

    /// <summary>The seam to the event and telemetry layer; every connection publishes through it.</summary>
    internal ConnectionObserver Observer { get; }

    /// <summary>The internal test hook that sees every signal; null outside the engine's tests.</summary>
    internal IEngineSignalTap? SignalTap { get; }

    /// <summary>Registers a connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Its options; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <exception cref="ConnectionAlreadyRegisteredException">The (identifier, scope) pair is already registered.</exception>
    /// <exception cref="ArgumentException">An argument is invalid; nothing was registered.</exception>
    public Connection Register(string identifier, string? scope = null, ConnectionOptions? options = null) =>
        TryRegister(identifier, scope, options, out var connection)
            ? connection
            : throw new ConnectionAlreadyRegisteredException(identifier, scope);

    /// <summary>Registers a connection unless it exists; returns false (and the existing handle) when it does.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Its options; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <param name="connection">The new connection, or the one already registered.</param>
    /// <exception cref="ArgumentException">An argument is invalid; nothing was registered.</exception>
    public bool TryRegister(string identifier, string? scope, ConnectionOptions? options, out Connection connection)
    {
        var key = ConnectionKey.Create(identifier, scope);
        return TryAdd(key, ResolveOptions(options), out connection);
    }

    /// <summary>
    /// Returns the registered connection, registering it with <paramref name="options"/> when absent. The options of an
    /// existing connection are not changed (use <see cref="Configure(string, string?, ConnectionOptions)"/>).
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Options for a new registration; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <exception cref="ArgumentException">An argument is invalid (even when the connection exists); nothing changed.</exception>
    public Connection GetOrRegister(string identifier, string? scope = null, ConnectionOptions? options = null)
    {
        var key = ConnectionKey.Create(identifier, scope);
        var resolved = ResolveOptions(options);
        if (!_connections.TryGetValue(key, out var connection))
        {
            TryAdd(key, resolved, out connection);
        }

        return connection;
    }

    /// <summary>Finds a registered connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="connection">The connection, when registered.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool TryGet(string identifier, string? scope, [NotNullWhen(true)] out Connection? connection) =>
        _connections.TryGetValue(ConnectionKey.Create(identifier, scope), out connection);

    /// <summary>Finds a registered unscoped connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="connection">The connection, when registered.</param>
    /// <exception cref="ArgumentException">The identifier is invalid.</exception>
    public bool TryGet(string identifier, [NotNullWhen(true)] out Connection? connection) => TryGet(identifier, null, out connection);

    /// <summary>
    /// Removes a connection; false when it was not registered. Its handles become detached
    /// (<see cref="Connection.IsRegistered"/> false); registering the key again creates a new connection.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool Unregister(string identifier, string? scope = null)
    {
        if (!_connections.TryRemove(ConnectionKey.Create(identifier, scope), out var connection))
        {
            return false;
        }

        connection.Detach(EngineSignal.Unregistered);
        return true;
    }

    /// <summary>Removes exactly this connection (not a newer one under the same key); used by the cleanup sweep.</summary>
    internal bool RemoveEntry(Connection connection) =>
        _connections.TryRemove(connection);

    private ConnectionOptions ResolveOptions(ConnectionOptions? options)
    {
        if (options is null)
        {
            return _options.Defaults;
        }

        options.Validate(nameof(options));
        return options;
    }

    private bool TryAdd(ConnectionKey key, ConnectionOptions options, out Connection connection)
    {
        Connection? created = null;
        while (true)
        {
            if (_connections.TryGetValue(key, out var existing))
            {
                connection = existing;
                return false;
            }

            created ??= new Connection(this, key.Identifier, key.Scope, options);
            if (created.TryAddTo(_connections))
            {
                connection = created;
                return true;
            }
        }
    }

    private static class DefaultRegistry
    {
        public static readonly ConnectionRegistry Instance = new();
    }
}
