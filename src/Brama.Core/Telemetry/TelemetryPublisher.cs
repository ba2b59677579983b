using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// Turns signals into the <c>brama.*</c> metrics and the activity events, for whatever listener is attached to the
/// "Brama" meter and activity source. Listeners are process-wide, so what is wanted is read from the instruments each
/// time (a field read each), once per signal: <see cref="AudienceOf"/> says which of the three want it, and
/// <see cref="Publish"/> records for exactly those.
/// </summary>
internal static class TelemetryPublisher
{
    /// <summary>A listener records <c>brama.calls</c>.</summary>
    public const int ToCalls = 1;

    /// <summary>A listener records <c>brama.circuit.transitions</c>.</summary>
    public const int ToTransitions = 2;

    /// <summary>An activity listener listens to the "Brama" source.</summary>
    public const int ToActivities = 4;

    private const int CallSignals =
        1 << (int)EngineSignal.Succeeded | 1 << (int)EngineSignal.Failed | 1 << (int)EngineSignal.Ignored | 1 << (int)EngineSignal.Rejected;

    private const int TransitionSignals =
        1 << (int)EngineSignal.Opened | 1 << (int)EngineSignal.Closed | 1 << (int)EngineSignal.HalfOpened | 1 << (int)EngineSignal.Reset;

    private const int ActivitySignals = TransitionSignals | 1 << (int)EngineSignal.Rejected;

    /// <summary>Which telemetry listeners want <paramref name="signal"/> (<see cref="ToCalls"/> …); 0 when none does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AudienceOf(EngineSignal signal)
    {
        var bit = EngineSignals.Bit(signal);
        var audience = (bit & CallSignals) != 0 && BramaTelemetry.CallsObserved ? ToCalls : 0;
        if ((bit & TransitionSignals) != 0 && BramaTelemetry.TransitionsObserved)
        {
            audience |= ToTransitions;
        }

        return (bit & ActivitySignals) != 0 && BramaTelemetry.ActivitiesObserved ? audience | ToActivities : audience;
    }

    /// <summary>Records one signal of the connection (<paramref name="connection"/>, <paramref name="scope"/>) for <paramref name="audience"/>.</summary>
    public static void Publish(TimeProvider time, string connection, string? scope, EngineSignal signal, in SignalData data, int audience)
    {
        switch (signal)
        {
            case EngineSignal.Succeeded or EngineSignal.Failed or EngineSignal.Ignored when (audience & ToCalls) != 0:
                BramaTelemetry.RecordCall(connection, scope, OutcomeName(signal));
                break;
            case EngineSignal.Rejected:
                if ((audience & ToCalls) != 0)
                {
                    BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Rejected);
                }

                if ((audience & ToActivities) != 0)
                {
                    BramaTelemetry.AddRejectedEvent(time, connection, scope, data.NewState, data.RetryAfter);
                }

                break;
            case EngineSignal.Opened or EngineSignal.Closed or EngineSignal.HalfOpened or EngineSignal.Reset
                when data.PreviousState != data.NewState:
                if ((audience & ToTransitions) != 0)
                {
                    BramaTelemetry.RecordTransition(connection, scope, data.PreviousState, data.NewState);
                }

                if ((audience & ToActivities) != 0)
                {
                    BramaTelemetry.AddTransitionEvent(time, connection, scope, data.PreviousState, data.NewState, data.IsManual, data.Reason);
                }

                break;
        }
    }

    private static string OutcomeName(EngineSignal signal) => signal switch
    {
        EngineSignal.Succeeded => TelemetryNames.Success,
        EngineSignal.Failed => TelemetryNames.Failure,
        _ => TelemetryNames.Ignored,
    };
}
