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

        // A rate rule's closed circuit admits without the lock too; when the rule times calls, out of line.
        if ((word & (StateMask | TimedBit)) == 0)
        {
            MarkActive();
            permit = CallPermit.RatedClosed(this, word);
            return true;
        }

        return TryAcquireWhileNotClosed(out permit);
    }

    /// <summary>Admission of a timed call, or while open or half-open.</summary>
    private bool TryAcquireWhileNotClosed(out CallPermit permit)
    {
        MarkActive();
        var word = Volatile.Read(ref _word);
        if (StateOf(word) == CircuitState.Closed)
        {
            // The word may have closed since TryAcquire read it: a plain connection gets the plain permit.
            permit = (word & TimedBit) != 0 ? CallPermit.TimedClosed(this, word, _time.GetTimestamp())
                : (word & RatedBit) != 0 ? CallPermit.RatedClosed(this, word)
                : CallPermit.Closed(this, word);
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
                var timed = (_word & TimedBit) != 0;
                if (state == CircuitState.Closed)
                {
                    permit = (_word & TimedBit) != 0 ? CallPermit.TimedClosed(this, _word, now)
                        : (_word & RatedBit) != 0 ? CallPermit.RatedClosed(this, _word)
                        : CallPermit.Closed(this, _word);
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
