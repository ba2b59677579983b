using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>Who wants a signal: read by the engine once per signal and handed to the listener with it.</summary>
[Flags]
internal enum SignalAudience
{
    /// <summary>Nobody: the signal is not published and its data is never built.</summary>
    None = 0,

    /// <summary>An event subscription of the registry.</summary>
    Subscriptions = 1,

    /// <summary>A listener of the process-wide call counter (outcomes and rejections).</summary>
    CallCounter = 2,

    /// <summary>A listener of the process-wide transition counter.</summary>
    TransitionCounter = 4,

    /// <summary>A listener of the process-wide activity source (transitions and rejections).</summary>
    Activities = 8,

    /// <summary>A listener of the process-wide scope-overflow counter.</summary>
    ScopeOverflowCounter = 16,
}

/// <summary>
/// Which signals are wanted, for one registry, read on every call's path without a virtual call: the mask of its
/// subscriptions (kept by its listener, the one copy), and the switches of the process-wide instruments telemetry
/// installs once. Those are the BCL's own (<see cref="Instrument.Enabled"/>, <see cref="ActivitySource.HasListeners"/>):
/// a meter or activity listener turns them on and off without telling the instrument's owner, so they are read each time.
/// </summary>
internal sealed class SignalDemand
{
    private const int CallSignals =
        1 << (int)EngineSignal.Succeeded | 1 << (int)EngineSignal.Failed | 1 << (int)EngineSignal.Ignored | 1 << (int)EngineSignal.Rejected;

    private const int TransitionSignals =
        1 << (int)EngineSignal.Opened | 1 << (int)EngineSignal.Closed | 1 << (int)EngineSignal.HalfOpened | 1 << (int)EngineSignal.Reset;

    private const int ActivitySignals = TransitionSignals | 1 << (int)EngineSignal.Rejected;

    private const int ScopeSignals = 1 << (int)EngineSignal.ScopeOverflowed;

    private static Instrument? s_callCounter;
    private static Instrument? s_transitionCounter;
    private static ActivitySource? s_activities;
    private static Instrument? s_scopeOverflowCounter;

    private volatile int _subscribedSignals;

    /// <summary>Installs the process-wide instruments whose listeners want signals too; once, before any registry publishes.</summary>
    public static void Install(Instrument callCounter, Instrument transitionCounter, ActivitySource activities, Instrument scopeOverflowCounter)
    {
        s_callCounter = callCounter;
        s_transitionCounter = transitionCounter;
        s_activities = activities;
        s_scopeOverflowCounter = scopeOverflowCounter;
    }

    /// <summary>The signals some subscription of the registry wants (bits over <see cref="EngineSignal"/>).</summary>
    public void SetSubscribedSignals(int signals) => _subscribedSignals = signals;

    /// <summary>Who wants <paramref name="signal"/> now; <see cref="SignalAudience.None"/> on the quiet path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SignalAudience AudienceOf(EngineSignal signal)
    {
        var bit = EngineSignals.Bit(signal);
        var audience = (_subscribedSignals & bit) != 0 ? SignalAudience.Subscriptions : SignalAudience.None;
        if ((bit & CallSignals) != 0 && s_callCounter is { Enabled: true })
        {
            audience |= SignalAudience.CallCounter;
        }

        if ((bit & TransitionSignals) != 0 && s_transitionCounter is { Enabled: true })
        {
            audience |= SignalAudience.TransitionCounter;
        }

        if ((bit & ActivitySignals) != 0 && s_activities is { } activities && activities.HasListeners())
        {
            audience |= SignalAudience.Activities;
        }

        if ((bit & ScopeSignals) != 0 && s_scopeOverflowCounter is { Enabled: true })
        {
            audience |= SignalAudience.ScopeOverflowCounter;
        }

        return audience;
    }
}
