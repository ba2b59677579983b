using System.Diagnostics.Tracing;

namespace Brama;

/// <summary>
/// The "Brama" <see cref="EventSource"/>: what must never surface as an exception on a caller's thread (a throwing event
/// handler, a throwing metrics listener) is reported here, for <c>dotnet-trace</c>, <c>dotnet-monitor</c> or an <see cref="EventListener"/>.
/// </summary>
[EventSource(Name = TelemetryNames.Source)]
internal sealed class BramaEventSource : EventSource
{
    public const int HandlerFailedId = 1;
    public const int PublishFailedId = 2;
    public const int GaugeFailedId = 3;

    private BramaEventSource()
    {
    }

    public static BramaEventSource Log { get; } = new();

    /// <summary>An event handler threw; the subscription goes on.</summary>
    [Event(HandlerFailedId, Level = EventLevel.Error, Message = "An event handler threw while handling {0} of connection {1}: {2}")]
    public void HandlerFailed(string eventType, string connection, string exception) =>
        WriteEvent(HandlerFailedId, eventType, connection, exception);

    /// <summary>Publishing a signal failed (a metrics or activity listener threw); the engine's call went on.</summary>
    [Event(PublishFailedId, Level = EventLevel.Error, Message = "Publishing {0} of connection {1} failed: {2}")]
    public void PublishFailed(string signal, string connection, string exception) =>
        WriteEvent(PublishFailedId, signal, connection, exception);

    /// <summary>Reading a registry's connections for the <c>brama.circuit.state</c> gauge failed; the other registries were reported.</summary>
    [Event(GaugeFailedId, Level = EventLevel.Error, Message = "Reading connection states for the gauge failed: {0}")]
    public void GaugeFailed(string exception) => WriteEvent(GaugeFailedId, exception);
}
