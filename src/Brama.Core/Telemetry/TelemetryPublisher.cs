namespace Brama;

/// <summary>
/// Turns signals into the <c>brama.*</c> metrics and the activity events, for whatever listener is attached to the
/// "Brama" meter and activity source. Listeners are process-wide; the engine reads which of the three want a signal
/// (<see cref="SignalDemand"/>, over the instruments <see cref="BramaTelemetry"/> installs) and
/// <see cref="Publish"/> records for exactly those.
/// </summary>
internal static class TelemetryPublisher
{
    /// <summary>Records one signal of the connection (<paramref name="connection"/>, <paramref name="scope"/>) for <paramref name="audience"/>.</summary>
    public static void Publish(TimeProvider time, string connection, string? scope, EngineSignal signal, in SignalData data, SignalAudience audience)
    {
        switch (signal)
        {
            case EngineSignal.Succeeded or EngineSignal.Failed or EngineSignal.Ignored when (audience & SignalAudience.CallCounter) != 0:
                BramaTelemetry.RecordCall(connection, scope, OutcomeName(signal));
                break;
            case EngineSignal.Rejected:
                if ((audience & SignalAudience.CallCounter) != 0)
                {
                    BramaTelemetry.RecordCall(connection, scope, TelemetryNames.Rejected);
                }

                if ((audience & SignalAudience.Activities) != 0)
                {
                    BramaTelemetry.AddRejectedEvent(time, connection, scope, data.NewState, data.RetryAfter);
                }

                break;
            case EngineSignal.ScopeOverflowed when (audience & SignalAudience.ScopeOverflowCounter) != 0:
                BramaTelemetry.RecordScopeOverflow(connection);
                break;
            case EngineSignal.Opened or EngineSignal.Closed or EngineSignal.HalfOpened or EngineSignal.Reset
                when data.PreviousState != data.NewState:
                if ((audience & SignalAudience.TransitionCounter) != 0)
                {
                    BramaTelemetry.RecordTransition(connection, scope, data.PreviousState, data.NewState);
                }

                if ((audience & SignalAudience.Activities) != 0)
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
