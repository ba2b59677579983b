using System.Diagnostics;
using Brama.Core.Tests.Events;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class ActivityTests : IDisposable
{
    private readonly ActivitySource _callerSource = new("Brama.Tests.Caller");
    private ActivitySamplingResult _sampling = ActivitySamplingResult.AllDataAndRecorded;
    private ActivityListener? _listener;

    public void Dispose()
    {
        _listener?.Dispose();
        _callerSource.Dispose();
    }

    [Fact]
    public void Rejection_adds_an_event_to_the_current_activity()
    {
        Listen();
        using var harness = new SignalHarness();
        using var activity = _callerSource.StartActivity("charge");
        Assert.NotNull(activity);

        Assert.True(harness.Wants(EngineSignal.Rejected));
        harness.Publish("act-1", "s", EngineSignal.Rejected, Data(CircuitState.Open, CircuitState.Open, openings: 1, retryAfter: TimeSpan.FromSeconds(12.5)));

        var e = Assert.Single(activity.Events);
        Assert.Equal("brama.call.rejected", e.Name);
        Assert.Equal(Start, e.Timestamp);
        Assert.Equal(
            ["brama.connection=act-1", "brama.scope=s", "brama.state=open", "brama.retry_after_ms=12500"],
            e.Tags.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public void Each_transition_adds_an_event_with_from_to_and_manual()
    {
        Listen();
        using var harness = new SignalHarness();
        using var activity = _callerSource.StartActivity("charge");
        Assert.NotNull(activity);

        harness.Publish("act-2", null, EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, "timeout", failures: 5, openings: 1));
        harness.Publish("act-2", null, EngineSignal.Expired, Data(CircuitState.Open, CircuitState.Open, openings: 1));
        harness.Publish("act-2", null, EngineSignal.HalfOpened, Data(CircuitState.Open, CircuitState.HalfOpen, openings: 1));
        harness.Publish("act-2", null, EngineSignal.Reset, Data(CircuitState.HalfOpen, CircuitState.Closed, "deploy", manual: true));
        harness.Publish("act-2", null, EngineSignal.Reset, Data(CircuitState.Closed, CircuitState.Closed, manual: true));
        harness.Publish("act-2", null, EngineSignal.Succeeded, Closed());

        Assert.Equal(
            [
                "brama.circuit.transition brama.connection=act-2,brama.state.from=closed,brama.state.to=open,brama.manual=False,brama.reason=timeout",
                "brama.circuit.transition brama.connection=act-2,brama.state.from=open,brama.state.to=half_open,brama.manual=False",
                "brama.circuit.transition brama.connection=act-2,brama.state.from=half_open,brama.state.to=closed,brama.manual=True,brama.reason=deploy",
            ],
            activity.Events.Select(e => $"{e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}"));
    }

    [Fact]
    public void Nothing_is_added_to_an_activity_that_is_not_sampled_or_when_no_activity_is_current()
    {
        _sampling = ActivitySamplingResult.PropagationData;
        Listen();
        using var harness = new SignalHarness();
        using var activity = _callerSource.StartActivity("charge");
        Assert.NotNull(activity);
        Assert.False(activity.IsAllDataRequested);

        harness.Publish("act-3", null, EngineSignal.Rejected, Data(CircuitState.Open, CircuitState.Open));
        harness.Publish("act-3", null, EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open));
        activity.Stop();
        Assert.Null(Activity.Current);
        harness.Publish("act-3", null, EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open));

        Assert.Empty(activity.Events);
    }

    [Fact]
    public void Activity_events_need_a_listener_on_the_Brama_source()
    {
        using var harness = new SignalHarness();
        using var callerOnly = new ActivityListener
        {
            ShouldListenTo = source => source.Name == _callerSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(callerOnly);
        using var activity = _callerSource.StartActivity("charge");
        Assert.NotNull(activity);

        Assert.False(harness.Wants(EngineSignal.Rejected));
        harness.Publish("act-4", null, EngineSignal.Rejected, Data(CircuitState.Open, CircuitState.Open));

        Assert.Empty(activity.Events);
    }

    private void Listen()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Brama" || source.Name == _callerSource.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => _sampling,
        };
        ActivitySource.AddActivityListener(_listener);
    }
}
