using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>Signals: every action is told to the registry's listener, and only when someone wants it.</summary>
public sealed partial class Connection
{
    /// <summary>Publishes a signal when anyone wants it; the data is built only then, from the current counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Signal(
        EngineSignal signal,
        CircuitState previous,
        CircuitState next,
        string? reason = null,
        TimeSpan? retryAfter = null,
        bool isManual = false)
    {
        var audience = _demand.AudienceOf(signal);
        if (audience != SignalAudience.None)
        {
            // No trip: a null reference, so that the frames that inline Signal hold no Trip and read no static.
            Publish(signal, previous, next, reason, retryAfter, isManual, in Unsafe.NullRef<Trip>(), audience);
        }
    }

    /// <summary>Publishes an opening, with the trip rule's account when a rule opened the circuit.</summary>
    private void SignalOpened(CircuitState previous, string? reason, TimeSpan retryAfter, bool isManual, in Trip trip)
    {
        var audience = _demand.AudienceOf(EngineSignal.Opened);
        if (audience != SignalAudience.None)
        {
            Publish(EngineSignal.Opened, previous, CircuitState.Open, reason, retryAfter, isManual, in trip, audience);
        }
    }

    // Not inlined, so that the data (and its zeroing) stays out of the frames of the hot paths.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Publish(
        EngineSignal signal, CircuitState previous, CircuitState next, string? reason, TimeSpan? retryAfter, bool isManual, in Trip trip, SignalAudience audience)
    {
        // A detached handle keeps its own circuit but speaks no more for the key, which may be registered anew.
        if (!IsRegistered)
        {
            return;
        }

        var data = new SignalData(previous, next, reason, _failureCount, _openings, retryAfter, isManual, Unsafe.IsNullRef(in trip) || trip.Rule is null ? null : trip)
        {
            FleetOrigin = t_fleetOrigin,
        };
        Registry.Listener.OnSignal(this, signal, in data, audience);
    }
}
