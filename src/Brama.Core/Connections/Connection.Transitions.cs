using System.Globalization;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>The state machine of §2.3: every transition runs under the connection's lock (<c>_probes</c>) and publishes its signals there.</summary>
public sealed partial class Connection
{
    // The probe table is also the connection's lock; the fields below are guarded by it.
    private readonly ProbeTable _probes;
    private int _probeSuccesses;
    private long _lastProbeId;
    private int _openings;
    private long _expiresAt;
    // Instants are kept as UTC ticks (0 = none): half the size of DateTimeOffset? and written atomically.
    private long _openedAtTicks;
    private TimeSpan _openDuration;
    private long _lastSuccessTicks;
    private long _lastFailureTicks;
    private string? _lastReason;

    // Timestamp of the last activity a sweep has seen (registration counts). Guarded by the lock after construction.
    private long _lastActivity;

    private CircuitState CurrentState => StateOf(_word);

    /// <summary>Applies a due expiry (open → half-open) or probe timeout (half-open → open), lock-free when none is due.</summary>
    private CircuitState Touch(long now)
    {
        var state = StateOf(Volatile.Read(ref _word));
        if (!IsDue(state, now))
        {
            return state;
        }

        lock (_probes)
        {
            RefreshLocked(now);
            return CurrentState;
        }
    }

    private bool IsDue(CircuitState state, long now) => state switch
    {
        CircuitState.Open => now >= Volatile.Read(ref _expiresAt),
        CircuitState.HalfOpen => now >= Volatile.Read(ref _probes.EarliestDeadline),
        _ => false,
    };

    private void RefreshLocked(long now)
    {
        switch (CurrentState)
        {
            case CircuitState.Open when now >= _expiresAt:
                SetStateLocked(CircuitState.HalfOpen);
                _probeSuccesses = 0;
                Signal(EngineSignal.Expired, CircuitState.Open, CircuitState.HalfOpen);
                Signal(EngineSignal.HalfOpened, CircuitState.Open, CircuitState.HalfOpen);
                break;

            case CircuitState.HalfOpen when now >= _probes.EarliestDeadline:
                // The stuck probe's own completion, if it ever comes, finds its slot cleared and changes nothing.
                var timeout = _options.ProbeTimeout;
                _lastReason = string.Create(
                    CultureInfo.InvariantCulture, $"A probe was not completed within {timeout.TotalSeconds:0.###} s.");
                OpenLocked(now, _lastReason, isManual: false, duration: null);
                break;
        }
    }

    /// <summary>Any state → Open: openings += 1, a new open period (given, or per the expiry strategy).</summary>
    private void OpenLocked(long now, string? reason, bool isManual, TimeSpan? duration)
    {
        var previous = CurrentState;
        _openings = _openings == int.MaxValue ? int.MaxValue : _openings + 1;
        _openDuration = duration ?? _options.GetOpenDuration(_openings);
        _openedAtTicks = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _expiresAt, AddSaturating(now, _openDuration));
        _probes.Clear();
        _probeSuccesses = 0;
        SetStateLocked(CircuitState.Open);
        Signal(EngineSignal.Opened, previous, CircuitState.Open, reason, _openDuration, isManual);
    }

    /// <summary>
    /// Any state → Closed with failure count 0. A closing probe also clears the openings (progressive backoff starts
    /// again); a manual Close keeps them. Publishes only when the state changed.
    /// </summary>
    private void CloseLocked(string? reason, bool isManual)
    {
        var previous = CurrentState;
        _failureCount = 0;
        if (!isManual)
        {
            _openings = 0;
        }

        if (previous != CircuitState.Closed)
        {
            _probes.Clear();
            SetStateLocked(CircuitState.Closed);
            Signal(EngineSignal.Closed, previous, CircuitState.Closed, reason, isManual: isManual);
        }
    }

    /// <summary>Any state → Closed, failure count 0, openings 0. Always publishes <see cref="EngineSignal.Reset"/>.</summary>
    private void ResetLocked(string? reason)
    {
        var previous = CurrentState;
        _failureCount = 0;
        _openings = 0;
        if (previous != CircuitState.Closed)
        {
            _probes.Clear();
            SetStateLocked(CircuitState.Closed);
        }

        Signal(EngineSignal.Reset, previous, CircuitState.Closed, reason, isManual: true);
    }

    private void SetStateLocked(CircuitState state) =>
        Volatile.Write(ref _word, ((_word & ~StateMask) + EpisodeIncrement) | (long)state);

    private long AddSaturating(long timestamp, TimeSpan duration)
    {
        var delta = (long)((Int128)duration.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
        return timestamp > long.MaxValue - delta ? long.MaxValue : timestamp + delta;
    }

    private ConnectionStatus SnapshotLocked(long now)
    {
        var state = CurrentState;
        return new ConnectionStatus
        {
            Identifier = Identifier,
            Scope = Scope,
            State = state,
            FailureCount = _failureCount,
            ConsecutiveOpenings = _openings,
            ProbesInFlight = _probes.Count,
            OpenedAt = state == CircuitState.Closed ? null : FromUtcTicks(_openedAtTicks),
            ExpiresAt = state == CircuitState.Open ? FromUtcTicks(_openedAtTicks) + _openDuration : null,
            RetryAfter = state == CircuitState.Open ? RetryAfterLocked(now) : null,
            LastSuccessAt = FromUtcTicks(Volatile.Read(ref _lastSuccessTicks)),
            LastFailureAt = FromUtcTicks(_lastFailureTicks),
            LastReason = _lastReason,
            Options = _options,
            OverriddenDeclarations = _overriddenDeclarations ?? [],
        };
    }

    private TimeSpan RetryAfterLocked(long now) => now < _expiresAt ? _time.GetElapsedTime(now, _expiresAt) : TimeSpan.Zero;

    /// <summary>Publishes a signal when anyone observes it; the data is built only then, from the current counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Signal(
        EngineSignal signal,
        CircuitState previous,
        CircuitState next,
        string? reason = null,
        TimeSpan? retryAfter = null,
        bool isManual = false)
    {
        if (IsWanted(signal))
        {
            Publish(signal, previous, next, reason, retryAfter, isManual);
        }
    }

    /// <summary>Whether a subscription, a telemetry listener or a signal tap wants <paramref name="signal"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsWanted(EngineSignal signal)
    {
        var bit = 1 << (int)signal;
        return (Registry.SubscribedSignals & bit) != 0 || ConnectionObserver.IsObservedByTelemetry(bit);
    }

    // Not inlined, so that the data (and its zeroing) stays out of the frames of the hot paths.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Publish(EngineSignal signal, CircuitState previous, CircuitState next, string? reason, TimeSpan? retryAfter, bool isManual)
    {
        // A detached handle keeps its own circuit but speaks no more for the key, which may be registered anew.
        if (!IsRegistered)
        {
            return;
        }

        var data = new SignalData(previous, next, reason, _failureCount, _openings, retryAfter, isManual);

        var observer = Registry.Observer;
        if (observer.IsObserved(signal))
        {
            observer.Publish(this, signal, in data);
        }

        Registry.SignalTap?.OnSignal(this, signal, in data);
    }

    /// <summary>The event routes of this connection under <paramref name="index"/>, looked up once per index.</summary>
    internal RouteCache RoutesIn(EventIndex index)
    {
        var cache = _routeCache;
        if (cache is null || !ReferenceEquals(cache.Index, index))
        {
            // Two racing publishers may both look up; either result is right for this index.
            _routeCache = cache = new RouteCache(index, index.Find(Identifier, Scope));
        }

        return cache;
    }

    private static DateTimeOffset? FromUtcTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
