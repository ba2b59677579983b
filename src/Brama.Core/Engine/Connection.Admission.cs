using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>Admission: whether a call may go through, and the permit that lets it.</summary>
public sealed partial class Connection
{
    /// <summary>The circuit state, after any due expiry or probe timeout was applied.</summary>
    public CircuitState State
    {
        get
        {
            var state = StateOf(Volatile.Read(ref _word));
            return state == CircuitState.Closed ? state : ApplyDueTransitions(_time.GetTimestamp());
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

            return ApplyDueTransitions(_time.GetTimestamp()) switch
            {
                CircuitState.Closed => true,
                CircuitState.HalfOpen => _probes.Count < _options.HalfOpenMaxCalls,
                _ => false,
            };
        }
    }

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
        if ((word & (StateMask | RatedBit)) == 0)
        {
            MarkActive();
            permit = CallPermit.Closed(this, word);
            return true;
        }

        return TryAcquireSlowly(out permit);
    }

    /// <summary>Admission but for the plain closed circuit: a rate rule's closed circuit, open, half-open.</summary>
    private bool TryAcquireSlowly(out CallPermit permit)
    {
        MarkActive();
        var word = Volatile.Read(ref _word);
        if (StateOf(word) == CircuitState.Closed)
        {
            // A rate rule's closed circuit admits without the lock too; the slow-call rule times the call.
            permit = CallPermit.RatedClosed(this, word, Volatile.Read(ref _extras)?.RateRule is { MeasuresSlowCalls: true } ? _time.GetTimestamp() : null);
            return true;
        }

        if (StateOf(word) == CircuitState.Open
            && _demand.AudienceOf(EngineSignal.Rejected) == SignalAudience.None
            && CoarseClock.IsCertainlyBefore(_time, Volatile.Read(ref _expiresAt)))
        {
            // Rejected on the coarse clock: the break is far from over and no one wants the rejection's RetryAfter.
            permit = default;
            return false;
        }

        var now = _time.GetTimestamp();
        CircuitState state;
        TimeSpan? retryAfter = null;

        var expiresAt = Volatile.Read(ref _expiresAt);
        if (StateOf(Volatile.Read(ref _word)) == CircuitState.Open && now < expiresAt)
        {
            // Rejected without the lock: the common case while a circuit is open.
            state = CircuitState.Open;
            retryAfter = _time.GetElapsedTime(now, expiresAt);
        }
        else
        {
            lock (Gate)
            {
                ApplyDueTransitionsLocked(now);
                state = CurrentState;
                var timed = _extras?.RateRule is { MeasuresSlowCalls: true };
                if (state == CircuitState.Closed)
                {
                    permit = (_word & RatedBit) == 0 ? CallPermit.Closed(this, _word) : CallPermit.RatedClosed(this, _word, timed ? now : null);
                    return true;
                }

                if (state == CircuitState.HalfOpen && _probes.Count < _options.HalfOpenMaxCalls)
                {
                    // Ids stay in an int (a permit holds one beside its timestamp) and are never 0, the free slot.
                    var id = _lastProbeId = _lastProbeId == int.MaxValue ? 1 : _lastProbeId + 1;
                    var slot = _probes.Add(id, AddSaturating(now, _options.ProbeTimeout));
                    permit = CallPermit.Probe(this, id, slot, timed ? now : null);
                    return true;
                }

                if (state == CircuitState.Open)
                {
                    retryAfter = RetryAfterLocked(now);
                }
            }
        }

        Signal(EngineSignal.Rejected, state, state, retryAfter: retryAfter);
        permit = default;
        return false;
    }
}
