namespace Brama;

/// <summary>The fleet: transitions other instances bring, and the hold that lets one instance at a time probe.</summary>
public sealed partial class Connection
{
    // The origin of the fleet transition this thread is applying, for the events it publishes under the lock.
    [ThreadStatic]
    private static string? t_fleetOrigin;

    /// <summary>
    /// Applies a fleet transition to this fleet-wide connection; false when it is not fleet-wide or nothing changed.
    /// A circuit's own opening elsewhere does not restart a break already running here (one whose probe the fleet holds
    /// takes it); an operator's does.
    /// </summary>
    internal bool ApplyFleet(FleetTransition transition)
    {
        if (!_options.FleetWide)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            var previous = CurrentState;
            // A break running here is kept; one that ended and waits for the fleet's probe takes the fleet's new break.
            if (transition.Kind == FleetTransitionKind.Opened && previous == CircuitState.Open && !transition.IsManual &&
                (Volatile.Read(ref _marks) & FleetHoldMark) == 0)
            {
                return false;
            }

            MarkActive();
            t_fleetOrigin = transition.Origin;
            try
            {
                if (transition.Reason is not null)
                {
                    _lastReason = transition.Reason;
                }

                switch (transition.Kind)
                {
                    case FleetTransitionKind.Opened:
                        OpenLocked(now, transition.Reason, transition.IsManual, transition.RemainingBreak);
                        SetFleetOriginLocked(transition.Origin);
                        return true;
                    case FleetTransitionKind.Closed:
                        CloseLocked(transition.Reason, transition.IsManual);
                        SetFleetOriginLocked(null);
                        return previous != CircuitState.Closed;
                    default:
                        ResetLocked(transition.Reason);
                        SetFleetOriginLocked(null);
                        return true;
                }
            }
            finally
            {
                t_fleetOrigin = null;
            }
        }
    }

    /// <summary>The instance whose opening this circuit adopted, while it is open from the fleet; null otherwise.</summary>
    internal string? FleetOrigin => Volatile.Read(ref _extras)?.FleetOrigin;

    /// <summary>
    /// A due expiry of a fleet-wide circuit: the fleet's gate may hold the probe (another instance probes for the
    /// fleet); the circuit then stays open for the hold, with no transition and no event. True when held.
    /// </summary>
    private bool HoldProbeLocked(long now)
    {
        if (!_options.FleetWide || Registry.FleetProbeGate is not { } gate || gate.HoldProbe(Identifier, Scope) is not { } hold || hold <= TimeSpan.Zero)
        {
            return false;
        }

        var until = AddSaturating(now, hold);
        _openDuration = TimeSpan.FromTicks(Math.Max(0, _time.GetUtcNow().UtcTicks - _openedAtTicks)) + hold;
        Volatile.Write(ref _expiresAt, until);
        Interlocked.Or(ref _marks, FleetHoldMark);
        return true;
    }

    /// <summary>The fleet lets this instance probe: a held circuit goes half-open now (asking the gate once more). False when none was held.</summary>
    internal bool ReleaseFleetHold()
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            if (CurrentState != CircuitState.Open || (Volatile.Read(ref _marks) & FleetHoldMark) == 0)
            {
                return false;
            }

            Interlocked.And(ref _marks, ~FleetHoldMark);
            Volatile.Write(ref _expiresAt, now);
            ApplyDueTransitionsLocked(now);
            return CurrentState == CircuitState.HalfOpen;
        }
    }

    private void SetFleetOriginLocked(string? origin)
    {
        if (!string.Equals(_extras?.FleetOrigin, origin, StringComparison.Ordinal))
        {
            Volatile.Write(ref _extras, ConnectionExtras.Of(_extras?.RateRule, _extras?.OverriddenDeclarations ?? [], origin));
        }
    }
}
