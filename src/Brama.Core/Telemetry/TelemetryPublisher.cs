using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// Turns signals into the <c>brama.*</c> metrics and the activity events, for whatever listener is attached to the
/// "Brama" meter and activity source. Listeners are process-wide, so what is wanted is read from the instruments each
/// time (a field read each).
/// </summary>
internal static class TelemetryPublisher
{
    private const int CallSignals =
        1 << (int)EngineSignal.Succeeded | 1 << (int)EngineSignal.Failed | 1 << (int)EngineSignal.Ignored | 1 << (int)EngineSignal.Rejected;

    private const int TransitionSignals =
        1 << (int)EngineSignal.Opened | 1 << (int)EngineSignal.Closed | 1 << (int)EngineSignal.HalfOpened | 1 << (int)EngineSignal.Reset;

    private const int ActivitySignals = TransitionSignals | 1 << (int)EngineSignal.Rejected;

    /// <summary>Whether a telemetry listener wants <paramref name="signal"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Wants(EngineSignal signal)
    {
        var bit = EngineSignals.Bit(signal);
        return ((bit & CallSignals) != 0 && BramaTelemetry.CallsObserved)
            || ((bit & TransitionSignals) != 0 && BramaTelemetry.TransitionsObserved)
            || ((bit & ActivitySignals) != 0 && BramaTelemetry.ActivitiesObserved);
    }

    /// <summary>Records one signal of the connection (<paramref name="connection"/>, <paramref name="scope"/>).</summary>
    public static void Publish(TimeProvider time, string connection, string? scope, EngineSignal signal, in SignalData data)
    {
        switch (signal)
        {
            case EngineSignal.Succeeded:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Success);
                break;
            case EngineSignal.Failed:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Failure);
                break;
            case EngineSignal.Ignored:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Ignored);
                break;
            case EngineSignal.Rejected:
                BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Rejected);
                if (BramaTelemetry.ActivitiesObserved)
                {
                    BramaTelemetry.AddRejectedEvent(time, connection, scope, data.NewState, data.RetryAfter);
                }

                break;
            case EngineSignal.Opened or EngineSignal.Closed or EngineSignal.HalfOpened or EngineSignal.Reset
                when data.PreviousState != data.NewState:
                BramaTelemetry.RecordTransition(connection, scope, data.PreviousState, data.NewState);
                if (BramaTelemetry.ActivitiesObserved)
                {
                    BramaTelemetry.AddTransitionEvent(time, connection, scope, data.PreviousState, data.NewState, data.IsManual, data.Reason);
                }

                break;
        }
    }
}
