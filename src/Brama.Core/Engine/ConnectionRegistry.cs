namespace Brama;

/// <summary>
/// Keeps every connection's circuit, keyed by (identifier, scope); runs the periodic sweep; publishes events. All time comes from the <see cref="System.TimeProvider"/>. Thread-safe. Unknown connections answer false,
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
/// <para>
/// The registry is filed by behaviour: lookups and registration (<c>ConnectionRegistry.Registration.cs</c>), operations
/// on one connection (<c>ConnectionRegistry.Operations.cs</c>), options (<c>ConnectionRegistry.Configuration.cs</c>),
/// the sweep (<c>ConnectionRegistry.Sweeping.cs</c>); its public constructors and <see cref="Events"/> are in
/// <c>Publishing/ConnectionRegistry.Publishing.cs</c>, the one place that wires the engine to events and telemetry.
/// </para>
/// </remarks>
public sealed partial class ConnectionRegistry : IDisposable, ISweepTarget
{
    /// <summary>The longest accepted identifier or scope, in characters.</summary>
    public const int MaxNameLength = 256;

    private readonly ConnectionTable _connections = new();
    private readonly SweepTimer _sweepTimer;
    private readonly object _configureGate = new();

    private volatile BramaOptions _options;

    private ConnectionRegistry(BramaOptions options, TimeProvider timeProvider, Func<ConnectionRegistry, ISignalListener> createListener)
    {
        _options = options;
        TimeProvider = timeProvider;
        WindowClocks = new WindowClocks(timeProvider);
        DynamicScopes = new DynamicScopes(this);
        Listener = createListener(this);
        _sweepTimer = new SweepTimer(TimeProvider, this, _options.CleanupInterval);
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

    /// <summary>Where every connection's signals go (events and telemetry, behind the engine's seam).</summary>
    internal ISignalListener Listener { get; }

    /// <summary>The clocks of the rate rules' time windows, one per bucket width in use.</summary>
    internal WindowClocks WindowClocks { get; }

    /// <summary>Which signals are wanted, kept by <see cref="Listener"/> for the registry's subscriptions.</summary>
    internal SignalDemand Demand { get; } = new();

    /// <summary>How Brama's messages and logs name a connection: <c>'payment_api'</c> or <c>'payment_api' in scope 'eu'</c>.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/>.</param>
    public static string Describe(string identifier, string? scope) =>
        scope is null ? $"'{identifier}'" : $"'{identifier}' in scope '{scope}'";

    /// <summary>
    /// Stops the periodic sweep and event delivery (handler subscriptions stop, streams end after their queued
    /// events; metrics still count). Idempotent. Connections keep answering: calls are still admitted and counted,
    /// expiries still happen when a connection is touched, and <see cref="RunCleanup"/> still works.
    /// </summary>
    public void Dispose()
    {
        _sweepTimer.Dispose();
        WindowClocks.Dispose();
        Listener.Dispose();
    }

    private static class DefaultRegistry
    {
        public static readonly ConnectionRegistry Instance = new();
    }
}
