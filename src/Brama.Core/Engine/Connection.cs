using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A handle on one registered connection: what the generated code holds. Obtain it from
/// <see cref="ConnectionRegistry.Register"/>, <see cref="ConnectionRegistry.GetOrRegister"/> or
/// <see cref="ConnectionRegistry.TryGet(string, string?, out Connection)"/>. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Closed-circuit calls are lock-free: <see cref="TryAcquire"/> reads the state word, and completing the permit with a
/// success writes nothing shared when the failure count is already 0. Every transition takes the connection's lock and
/// is atomic; permits carry the episode that admitted them, so a late result never undoes a newer state.
/// </para>
/// <para>
/// A due expiry (open → half-open) or probe timeout (half-open → open) is applied whenever the connection is touched:
/// <see cref="TryAcquire"/>, <see cref="IsAvailable"/>, <see cref="State"/>, <see cref="GetStatus"/>, reports, manual
/// operations, and the registry's cleanup sweep. A read never shows a state that is already stale.
/// </para>
/// <para>
/// Once the connection is unregistered or removed by cleanup, <see cref="IsRegistered"/> is false and the handle is
/// detached: it keeps its own circuit (so a call in flight completes normally), publishes no more events, and has no
/// effect on a connection registered later under the same key.
/// </para>
/// <para>
/// The class is filed by behaviour: admission (<c>Connection.Admission.cs</c>), completion of calls and reports
/// (<c>Connection.Completion.cs</c>), the transitions of design §2.3 (<c>Connection.StateMachine.cs</c>), status
/// snapshots (<c>Connection.Status.cs</c>), registration to removal (<c>Connection.Lifetime.cs</c>) and signals
/// (<c>Connection.Signals.cs</c>). Every field is here.
/// </para>
/// </remarks>
public sealed partial class Connection
{
    private const long StateMask = 0b11;
    private const long RatedBit = 0b100;
    private const long TimedBit = 0b1000;
    private const long RuleBits = RatedBit | TimedBit;
    private const long EpisodeIncrement = 0b1_0000;
    private const int ActivityMark = 1;
    private const int SuccessMark = 2;
    private const int DetachedMark = 4;
    private const int DynamicScopeMark = 8;
    private const int FleetHoldMark = 16;

    private readonly TimeProvider _time;

    // (episode << 4) | TimedBit | RatedBit | state. Every state change increments the episode; written only under Gate,
    // read lock-free. RatedBit: the connection has a rate rule, so that its calls leave the plain closed path at the one
    // test that path makes anyway (a connection without one pays nothing for the rule); TimedBit: the rule times calls.
    private long _word;

    // Consecutive failures while closed (the trip rule's count). Written under Gate; read lock-free by the success path.
    private int _failureCount;

    // ActivityMark: touched since the last sweep. SuccessMark: LastSuccessAt stamped since the last sweep. Both are set
    // with a read first, so that the hot path writes them at most once per cleanup interval. DetachedMark: unregistered
    // or removed, for good (a flag here rather than a field of its own keeps the connection 8 bytes smaller).
    // DynamicScopeMark: a scope a call chose, counted against its identifier's limit until it leaves the registry.
    // FleetHoldMark: the open circuit's break ended but the fleet's gate holds its probe (another instance probes).
    private int _marks;

    private volatile ConnectionOptions _options;

    // Probes in flight. The table is also the connection's lock (Gate), so a connection owns one object less.
    private readonly ProbeTable _probes;

    // Guarded by Gate from here on.
    private int _probeSuccesses;
    private int _lastProbeId;
    private int _openings;
    private long _expiresAt;

    // Instants are kept as UTC ticks (0 = none): half the size of DateTimeOffset? and written atomically.
    private long _openedAtTicks;
    private TimeSpan _openDuration;
    private long _lastSuccessTicks;
    private long _lastFailureTicks;
    private string? _lastReason;

    // Timestamp of the last activity a sweep has seen (registration counts).
    private long _lastActivity;

    // The registry's demand, held here so the per-signal read is one load shorter.
    private readonly SignalDemand _demand;

    // What few connections have (a rate rule, overridden declarations); null for most. Replaced under Gate.
    private ConnectionExtras? _extras;

    internal Connection(ConnectionRegistry registry, string identifier, string? scope, ConnectionOptions options, bool dynamicScope = false)
    {
        Registry = registry;
        _marks = dynamicScope ? DynamicScopeMark : 0;
        Key = new ConnectionKey(identifier, scope);
        _options = options;
        _time = registry.TimeProvider;
        _demand = registry.Demand;
        _probes = new ProbeTable(options.HalfOpenMaxCalls);
        _lastActivity = _time.GetTimestamp();
    }

    /// <summary>The connection identifier.</summary>
    public string Identifier => Key.Identifier;

    /// <summary>The connection scope, or <see langword="null"/>.</summary>
    public string? Scope => Key.Scope;

    /// <summary>The registry the connection belongs to.</summary>
    public ConnectionRegistry Registry { get; }

    /// <summary>The current options (replaced in place by <see cref="ConnectionRegistry.Configure(string, string?, ConnectionOptions)"/>).</summary>
    public ConnectionOptions Options => _options;

    /// <summary>
    /// Whether the connection is still in its registry. A handle whose connection was unregistered or cleaned up
    /// keeps answering but no longer protects anything shared; the generated code re-resolves it.
    /// </summary>
    public bool IsRegistered => (Volatile.Read(ref _marks) & DetachedMark) == 0;

    /// <summary>Whether the scope was chosen by a call (see <see cref="ConnectionRegistry.GetOrRegisterDynamicScope"/>).</summary>
    public bool IsDynamicScope => (Volatile.Read(ref _marks) & DynamicScopeMark) != 0;

    internal ConnectionKey Key { get; }

    /// <summary>A slot the signal listener may use for what it derives from this connection (event routes); the engine never reads it.</summary>
    internal object? ListenerCache { get; set; }

    /// <summary>The connection's lock: it guards every transition and the fields marked so above.</summary>
    private object Gate => _probes;

    private CircuitState CurrentState => StateOf(_word);

    /// <summary>The rule that decides when the closed circuit opens; read under <see cref="Gate"/>.</summary>
    private TripRule Rule => (TripRule?)_extras?.RateRule ?? ConsecutiveFailuresRule.Instance;

    /// <inheritdoc/>
    public override string ToString() => $"Connection {Key} ({StateOf(Volatile.Read(ref _word))})";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CircuitState StateOf(long word) => (CircuitState)(word & StateMask);

    /// <summary>Whether two state words are of one episode (a rate rule installed meanwhile changes no episode).</summary>
    private static bool SameEpisode(long word, long other) => (word | RuleBits) == (other | RuleBits);

    /// <summary>Whether a state word is of the episode whose low 32 bits a timed permit holds (2^28 transitions apart alias).</summary>
    private static bool SameEpisode(long word, int lowBits) => ((int)word | (int)RuleBits) == (lowBits | (int)RuleBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkActive()
    {
        if ((_marks & ActivityMark) == 0)
        {
            Interlocked.Or(ref _marks, ActivityMark);
        }
    }
}
