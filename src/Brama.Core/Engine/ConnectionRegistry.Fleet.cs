using System.Collections.Concurrent;

namespace Brama;

/// <summary>The fleet's side of the registry: transitions other instances bring, and who may probe.</summary>
public sealed partial class ConnectionRegistry
{
    // Openings the fleet brought for connections this instance has not registered yet: applied at registration.
    private readonly ConcurrentDictionary<ConnectionKey, PendingOpening> _pendingFleetOpenings = new();
    private volatile IFleetProbeGate? _fleetProbeGate;

    /// <summary>
    /// The gate a fleet sets so that one instance at a time probes a fleet-wide circuit whose break ended (see
    /// <see cref="IFleetProbeGate"/>); null (default) lets every instance probe for itself.
    /// </summary>
    public IFleetProbeGate? FleetProbeGate
    {
        get => _fleetProbeGate;
        set => _fleetProbeGate = value;
    }

    /// <summary>
    /// Applies what another instance of the fleet (or an operator) did to a fleet-wide connection
    /// (<see cref="ConnectionOptions.FleetWide"/>): an opening with the break that remains, a close or a reset. Its
    /// events carry the origin in <see cref="BramaEventData.FleetOrigin"/>. An opening of a connection this instance has
    /// not registered yet waits for the registration, as long as its break lasts. Returns false when nothing applies:
    /// the connection is not fleet-wide, or a close or reset found nothing to change.
    /// </summary>
    /// <param name="transition">The transition.</param>
    /// <exception cref="ArgumentException">A name is invalid, the origin is empty, or an opening has no positive remaining break.</exception>
    public bool ApplyFleetTransition(FleetTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var key = ConnectionKey.Create(transition.Identifier, transition.Scope);
        if (string.IsNullOrWhiteSpace(transition.Origin))
        {
            throw new ArgumentException("FleetTransition.Origin must not be empty.", nameof(transition));
        }

        if (!Enum.IsDefined(transition.Kind))
        {
            throw new ArgumentException($"Undefined FleetTransitionKind {(int)transition.Kind}.", nameof(transition));
        }

        if (transition.Kind == FleetTransitionKind.Opened &&
            (transition.RemainingBreak is not { } remaining || remaining <= TimeSpan.Zero || remaining > ConnectionOptions.MaxTime))
        {
            throw new ArgumentException("An opening needs a RemainingBreak greater than zero and at most 365 days.", nameof(transition));
        }

        if (_connections.TryGetValue(key, out var connection))
        {
            _pendingFleetOpenings.TryRemove(key, out _);
            return connection.ApplyFleet(transition);
        }

        if (transition.Kind == FleetTransitionKind.Opened)
        {
            _pendingFleetOpenings[key] = new PendingOpening(transition, TimeProvider.GetUtcNow() + transition.RemainingBreak!.Value);
            return true;
        }

        return _pendingFleetOpenings.TryRemove(key, out _);
    }

    /// <summary>
    /// The fleet granted this instance the probe of a fleet-wide circuit whose break ended and whose probe the gate
    /// held: it goes half-open now, as if its break had just ended. False when no such circuit is here.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or null.</param>
    /// <exception cref="ArgumentException">A name is invalid.</exception>
    public bool ReleaseFleetProbe(string identifier, string? scope) =>
        _connections.TryGetValue(ConnectionKey.Create(identifier, scope), out var connection) && connection.ReleaseFleetHold();

    /// <summary>A newly registered connection adopts the fleet's opening of its key, if one is still running.</summary>
    private void AdoptPendingFleetOpening(Connection connection)
    {
        if (_pendingFleetOpenings.IsEmpty || !_pendingFleetOpenings.TryRemove(connection.Key, out var pending))
        {
            return;
        }

        var left = pending.Until - TimeProvider.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            connection.ApplyFleet(pending.Transition with { RemainingBreak = left });
        }
    }

    private readonly record struct PendingOpening(FleetTransition Transition, DateTimeOffset Until);
}
