using System.Diagnostics;
using Brama.Core.Tests.Events;

namespace Brama.Core.Tests.Telemetry;

/// <summary>End to end: calls through a real registry produce the metrics and activity events.</summary>
[Collection(TelemetryCollection.Name)]
public class RegistryTelemetryTests
{
    [Fact]
    public void Calls_and_transitions_through_a_registry_are_measured()
    {
        using var metrics = new MetricsCapture("brama.calls", "brama.circuit.transitions");
        using var harness = new RegistryHarness();
        var connection = harness.Register("tel-calls", "eu");

        Complete(connection, Outcome.Success);
        Complete(connection, Outcome.Ignore);
        RegistryHarness.Fail(connection, 3);
        Assert.False(connection.TryAcquire(out _));
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        Complete(connection, Outcome.Success);

        const string Calls = "brama.calls 1 brama.connection=tel-calls,";
        const string Transition = "brama.circuit.transitions 1 brama.connection=tel-calls,brama.scope=eu,";
        Assert.Equal(
            [
                Calls + "brama.outcome=success,brama.scope=eu",
                Calls + "brama.outcome=ignored,brama.scope=eu",
                Calls + "brama.outcome=failure,brama.scope=eu",
                Calls + "brama.outcome=failure,brama.scope=eu",
                Calls + "brama.outcome=failure,brama.scope=eu",
                Transition + "brama.state.from=closed,brama.state.to=open",
                Calls + "brama.outcome=rejected,brama.scope=eu",
                Transition + "brama.state.from=open,brama.state.to=half_open",
                Calls + "brama.outcome=success,brama.scope=eu",
                Transition + "brama.state.from=half_open,brama.state.to=closed",
            ],
            metrics.Of("tel-calls").Select(m => m.ToString()));
    }

    [Fact]
    public void State_gauge_reports_the_registry_connections()
    {
        using var metrics = new MetricsCapture("brama.circuit.state");
        using var harness = new RegistryHarness();
        harness.Register("tel-closed");
        RegistryHarness.Fail(harness.Register("tel-expired", "eu"), 3);
        RegistryHarness.Fail(harness.Register("tel-half"), 3);
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(harness.Registry.TryGet("tel-half", out var half) && half.TryAcquire(out _));
        RegistryHarness.Fail(harness.Register("tel-open"), 3);

        metrics.RecordObservableInstruments();

        Assert.Equal(["brama.circuit.state 0 brama.connection=tel-closed"], metrics.Of("tel-closed").Select(m => m.ToString()));
        Assert.Equal(["brama.circuit.state 1 brama.connection=tel-open"], metrics.Of("tel-open").Select(m => m.ToString()));
        Assert.Equal(["brama.circuit.state 2 brama.connection=tel-half"], metrics.Of("tel-half").Select(m => m.ToString()));

        // Due but untouched: reading the gauge applies the expiry, as any status read does.
        Assert.Equal(["brama.circuit.state 2 brama.connection=tel-expired,brama.scope=eu"], metrics.Of("tel-expired").Select(m => m.ToString()));

        harness.Dispose();
        metrics.RecordObservableInstruments();
        Assert.Single(metrics.Of("tel-closed"));
    }

    [Fact]
    public void Rejections_and_transitions_are_added_to_the_callers_activity()
    {
        using var callerSource = new ActivitySource("Brama.Tests.RegistryCaller");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Brama" || source == callerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = new RegistryHarness();
        var connection = harness.Register("tel-activity");
        RegistryHarness.Fail(connection, 2);

        using var activity = callerSource.StartActivity("charge");
        Assert.NotNull(activity);
        RegistryHarness.Fail(connection);
        Assert.False(connection.TryAcquire(out _));

        Assert.Equal(
            [
                "brama.circuit.transition brama.connection=tel-activity,brama.state.from=closed,brama.state.to=open,brama.manual=False,brama.reason=boom",
                "brama.call.rejected brama.connection=tel-activity,brama.state=open,brama.retry_after_ms=10000",
            ],
            activity.Events.Select(e => $"{e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}"));
    }

    private static void Complete(Connection connection, Outcome outcome)
    {
        Assert.True(connection.TryAcquire(out var permit));
        permit.Complete(outcome);
    }
}
