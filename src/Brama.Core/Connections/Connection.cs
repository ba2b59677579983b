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
/// </remarks>
public sealed partial class Connection
{
    private const long StateMask = 0b11;
    private const long EpisodeIncrement = 0b100;
    private const int ActivityMark = 1;
    private const int SuccessMark = 2;
    private const int DetachedMark = 4;

    private readonly TimeProvider _time;

    // (episode << 2) | state. Every state change increments the episode; written only under the lock, read lock-free.
    private long _word;

    // Consecutive failures while closed. Written under the lock; read lock-free by the success fast path.
    private int _failureCount;

    // ActivityMark: touched since the last sweep. SuccessMark: LastSuccessAt stamped since the last sweep. Both are set
    // with a read first, so that the hot path writes them at most once per cleanup interval. DetachedMark: unregistered
    // or removed, for good (a flag here rather than a field of its own keeps the connection 8 bytes smaller).
    private int _marks;

    private volatile ConnectionOptions _options;
    private RouteCache? _routeCache;

    // Each [CircuitBreaker] declaration whose options this connection's own override, once (rarely set; under the lock).
    private string[]? _overriddenDeclarations;

    internal Connection(ConnectionRegistry registry, string identifier, string? scope, ConnectionOptions options)
    {
        Registry = registry;
        Key = new ConnectionKey(identifier, scope);
        _options = options;
        _time = registry.TimeProvider;
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

    /// <summary>The circuit state, after any due expiry or probe timeout was applied.</summary>
    public CircuitState State
    {
        get
        {
            var state = StateOf(Volatile.Read(ref _word));
            return state == CircuitState.Closed ? state : Touch(_time.GetTimestamp());
        }
    }

    /// <summary>
    /// Whether a call would be admitted now: closed, or half-open with a free probe slot (an open circuit whose expiry
    /// has passed is moved to half-open first). Only <see cref="TryAcquire"/> reserves the slot.
    /// </summary>
    public bool IsAvailable
    {
        get
        {
            var state = StateOf(Volatile.Read(ref _word));
            if (state == CircuitState.Closed)
            {
                return true;
            }

            return Touch(_time.GetTimestamp()) switch
            {
                CircuitState.Closed => true,
                CircuitState.HalfOpen => _probes.Count < _options.HalfOpenMaxCalls,
                _ => false,
            };
        }
    }

    internal ConnectionKey Key { get; }

    /// <summary>
    /// Asks for the right to make one call. Returns false when the circuit rejects it: open before its expiry, or
    /// half-open with all <see cref="ConnectionOptions.HalfOpenMaxCalls"/> probe slots taken. A granted permit must be
    /// completed exactly once; while half-open it is a probe, and one not completed within
    /// <see cref="ConnectionOptions.ProbeTimeout"/> counts as a failed probe.
    /// </summary>
    /// <param name="permit">The granted permit; <see langword="default"/> when rejected.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAcquire(out CallPermit permit)
    {
        var word = Volatile.Read(ref _word);
        if (StateOf(word) == CircuitState.Closed)
        {
            MarkActive();
            permit = new CallPermit(this, word, 0);
            return true;
        }

        return TryAcquireSlow(out permit);
    }

    /// <summary>
    /// Reports a success outside a permit. Closed: resets the failure count. Half-open: counts as a successful probe
    /// (a report carries no ticket, so it applies to the current state). Open: recorded only.
    /// </summary>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportSuccess()
    {
        MarkActive();
        var word = Volatile.Read(ref _word);
        if (!TryCompleteQuietly(word, OutcomeKind.Success))
        {
            Report(Outcome.Success);
        }

        return IsRegistered;
    }

    /// <summary>
    /// Reports a failure outside a permit. Closed: counts towards <see cref="ConnectionOptions.MaxAttempts"/>. Half-open:
    /// a failed probe, the circuit reopens. Open: recorded only; the break is not extended.
    /// </summary>
    /// <param name="reason">Why the call failed; carried into the status and events.</param>
    /// <returns>False when the connection is no longer registered (the report then only affects this handle).</returns>
    public bool ReportFailure(string? reason = null)
    {
        MarkActive();
        Report(Outcome.Failure(reason));
        return IsRegistered;
    }

    /// <summary>A snapshot of the connection, taken after any due expiry or probe timeout was applied.</summary>
    public ConnectionStatus GetStatus()
    {
        var now = _time.GetTimestamp();
        lock (_probes)
        {
            RefreshLocked(now);
            return SnapshotLocked(now);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Connection {Key} ({StateOf(Volatile.Read(ref _word))})";

    /// <summary>
    /// Records, once per declaration, that a decorator found this connection registered with options other than the
    /// ones its attribute declares (the registered ones apply), and logs it as a warning.
    /// </summary>
    internal void NoteDeclaration(ConnectionDeclaration declaration)
    {
        var overridden = declaration.OverriddenBy(_options);
        if (overridden.Count == 0)
        {
            return;
        }

        var method = declaration.DeclaredBy ?? "a decorated method";
        var note = $"[CircuitBreaker] on {method} declares {string.Join(", ", overridden)}; the options the connection was registered with apply";
        lock (_probes)
        {
            var notes = _overriddenDeclarations ?? [];
            if (Array.IndexOf(notes, note) >= 0)
            {
                return;
            }

            _overriddenDeclarations = [.. notes, note];
        }

        DeclarationLog.OptionsOverridden(Registry.Options.Logger, Key.ToString(), method, string.Join(", ", overridden));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CompletePermit(long ticket, int probeSlot, Outcome outcome)
    {
        if (probeSlot == 0 && TryCompleteQuietly(ticket, outcome.Kind))
        {
            return;
        }

        CompleteSlow(ticket, probeSlot, outcome);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CircuitState StateOf(long word) => (CircuitState)(word & StateMask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkActive()
    {
        if ((_marks & ActivityMark) == 0)
        {
            Interlocked.Or(ref _marks, ActivityMark);
        }
    }

    /// <summary>
    /// The lock-free completions of a closed-circuit call: Ignore, and a success of the current episode when the failure
    /// count is already 0 (and LastSuccessAt was stamped in this cleanup interval). They only publish.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryCompleteQuietly(long ticket, OutcomeKind kind)
    {
        if (kind == OutcomeKind.Success)
        {
            if (Volatile.Read(ref _word) != ticket || StateOf(ticket) != CircuitState.Closed ||
                _failureCount != 0 || (_marks & SuccessMark) == 0)
            {
                return false;
            }

            Signal(EngineSignal.Succeeded, CircuitState.Closed, CircuitState.Closed);
            return true;
        }

        if (kind == OutcomeKind.Ignore)
        {
            var state = StateOf(Volatile.Read(ref _word));
            Signal(EngineSignal.Ignored, state, state);
            return true;
        }

        return false;
    }
}
