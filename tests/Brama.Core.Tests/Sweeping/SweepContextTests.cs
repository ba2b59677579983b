using System.Diagnostics.Metrics;

namespace Brama.Core.Tests.Sweeping;

/// <summary>
/// The sweep runs with a clean execution context. What runs on the sweep's thread is seen through the one listener
/// that the engine calls synchronously there, a metrics listener, so this test runs alone.
/// </summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public sealed class SweepContextTests
{
    [Fact]
    public async Task The_timer_does_not_capture_the_execution_context_of_its_creator()
    {
        var ambient = new AsyncLocal<string>();
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var transitions = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument is { Name: "brama.circuit.transitions" } && instrument.Meter.Name == "Brama")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        transitions.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                // The sweep moves the expired circuit to half-open on its own thread and records the transition there.
                if (tag is { Key: "brama.state.to", Value: "half_open" })
                {
                    seen.TrySetResult(ambient.Value);
                }
            }
        });
        transitions.Start();

        ambient.Value = "request-42";
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromMilliseconds(10) }, TimeProvider.System);
        registry.Register("sweep-context");
        registry.Open("sweep-context", null, null, TimeSpan.FromTicks(1));

        var value = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Null(value);
    }
}
