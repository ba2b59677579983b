using Microsoft.Extensions.Time.Testing;
using Brama.Core.Tests.Events;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public class MetricsTests
{
    [Fact]
    public void Calls_are_counted_by_outcome_with_connection_and_scope_tags()
    {
        using var metrics = new MetricsCapture("brama.calls");
        using var harness = new SignalHarness();

        harness.Publish("calls-1", "s", EngineSignal.Succeeded, Closed());
        harness.Publish("calls-1", "s", EngineSignal.Failed, Closed(1));
        harness.Publish("calls-1", "s", EngineSignal.Ignored, Closed(1));
        harness.Publish("calls-1", "s", EngineSignal.Rejected, Data(CircuitState.Open, CircuitState.Open, retryAfter: TimeSpan.FromSeconds(3)));
        harness.Publish("calls-1", null, EngineSignal.Succeeded, Closed());

        Assert.Equal(
            [
                "brama.calls 1 brama.connection=calls-1,brama.outcome=success,brama.scope=s",
                "brama.calls 1 brama.connection=calls-1,brama.outcome=failure,brama.scope=s",
                "brama.calls 1 brama.connection=calls-1,brama.outcome=ignored,brama.scope=s",
                "brama.calls 1 brama.connection=calls-1,brama.outcome=rejected,brama.scope=s",
                "brama.calls 1 brama.connection=calls-1,brama.outcome=success",
            ],
            metrics.Of("calls-1").Select(m => m.ToString()));
    }

    [Fact]
    public void Transitions_are_counted_with_from_and_to_states_and_only_when_the_state_changed()
    {
        using var metrics = new MetricsCapture("brama.circuit.transitions", "brama.calls");
        using var harness = new SignalHarness();

        harness.Publish("trans-1", "s", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        harness.Publish("trans-1", "s", EngineSignal.Expired, Data(CircuitState.Open, CircuitState.Open, openings: 1));
        harness.Publish("trans-1", "s", EngineSignal.HalfOpened, Data(CircuitState.Open, CircuitState.HalfOpen, openings: 1));
        harness.Publish("trans-1", "s", EngineSignal.Closed, Data(CircuitState.HalfOpen, CircuitState.Closed));
        harness.Publish("trans-1", "s", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, manual: true));
        harness.Publish("trans-1", "s", EngineSignal.Opened, Data(CircuitState.Open, CircuitState.Open, manual: true));
        harness.Publish("trans-1", "s", EngineSignal.Reset, Data(CircuitState.Open, CircuitState.Closed, manual: true));
        harness.Publish("trans-1", "s", EngineSignal.Reset, Data(CircuitState.Closed, CircuitState.Closed, manual: true));
        harness.Publish("trans-1", "s", EngineSignal.Registered, Closed());

        const string Prefix = "brama.circuit.transitions 1 brama.connection=trans-1,brama.scope=s,";
        Assert.Equal(
            [
                Prefix + "brama.state.from=closed,brama.state.to=open",
                Prefix + "brama.state.from=open,brama.state.to=half_open",
                Prefix + "brama.state.from=half_open,brama.state.to=closed",
                Prefix + "brama.state.from=closed,brama.state.to=open",
                Prefix + "brama.state.from=open,brama.state.to=closed",
            ],
            metrics.Of("trans-1").Select(m => m.ToString()));
    }

    [Fact]
    public async Task Dropped_events_are_counted_with_their_type()
    {
        using var metrics = new MetricsCapture("brama.events.dropped");
        using var harness = new SignalHarness(new BramaOptions { EventQueueCapacity = 1 });
        using var gate = new SemaphoreSlim(0);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocked = harness.Events.Subscribe(_ =>
        {
            entered.TrySetResult();
            gate.Wait(TestContext.Current.CancellationToken);
        });

        harness.PublishSuccess("drop-1");
        await entered.Task.WaitSignalAsync();
        harness.PublishSuccess("drop-1"); // queued
        harness.PublishSuccess("drop-1");
        harness.Publish("drop-1", "s", EngineSignal.Failed, Closed(1));
        harness.Publish("drop-1", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        gate.Release();

        Assert.Equal(
            [
                "brama.events.dropped 1 brama.connection=drop-1,brama.event.type=success",
                "brama.events.dropped 1 brama.connection=drop-1,brama.event.type=failure,brama.scope=s",
            ],
            metrics.Of("drop-1").Select(m => m.ToString()));
        Assert.Equal(2, blocked.DroppedCount);
    }

    [Fact]
    public void State_gauge_reports_every_connection_of_every_live_registry_and_forgets_disposed_ones()
    {
        using var metrics = new MetricsCapture("brama.circuit.state");
        var first = new GaugeSource();
        using var second = new GaugeSource();
        first.Statuses.Add(Status("gauge-closed", null, CircuitState.Closed));
        first.Statuses.Add(Status("gauge-open", "s", CircuitState.Open));
        second.Statuses.Add(Status("gauge-half", null, CircuitState.HalfOpen));

        metrics.RecordObservableInstruments();
        Assert.Equal(["brama.circuit.state 0 brama.connection=gauge-closed"], metrics.Of("gauge-closed").Select(m => m.ToString()));
        Assert.Equal(["brama.circuit.state 1 brama.connection=gauge-open,brama.scope=s"], metrics.Of("gauge-open").Select(m => m.ToString()));
        Assert.Equal(["brama.circuit.state 2 brama.connection=gauge-half"], metrics.Of("gauge-half").Select(m => m.ToString()));

        first.Dispose();
        metrics.RecordObservableInstruments();
        Assert.Single(metrics.Of("gauge-closed"));
        Assert.Equal(2, metrics.Of("gauge-half").Count);
    }

    [Fact]
    public void Rate_gauges_report_the_window_of_each_connection_whose_rule_is_on()
    {
        using var metrics = new MetricsCapture("brama.circuit.failure_rate", "brama.circuit.slow_call_rate");
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, new FakeTimeProvider());
        var rated = registry.Register("gauge-rated", "eu", new ConnectionOptions { FailureRatio = 0.9, MinimumThroughput = 100 });
        var slow = registry.Register("gauge-slow", null, new ConnectionOptions { SlowCallDuration = TimeSpan.FromSeconds(1), MinimumThroughput = 100 });
        registry.Register("gauge-plain");
        rated.ReportFailure();
        for (var i = 0; i < 3; i++)
        {
            rated.ReportSuccess();
        }

        slow.ReportSuccess(TimeSpan.FromSeconds(2));
        slow.ReportSuccess(TimeSpan.FromMilliseconds(10));

        metrics.RecordObservableInstruments();

        Assert.Equal(["brama.circuit.failure_rate 0.25 brama.connection=gauge-rated,brama.scope=eu"], metrics.Of("gauge-rated").Select(m => m.ToString()));
        Assert.Equal(["brama.circuit.slow_call_rate 0.5 brama.connection=gauge-slow"], metrics.Of("gauge-slow").Select(m => m.ToString()));
        Assert.Empty(metrics.Of("gauge-plain"));
    }

    [Fact]
    public void State_gauge_skips_a_registry_that_cannot_be_read_and_reports_it()
    {
        using var events = new BramaEventListener();
        using var metrics = new MetricsCapture("brama.circuit.state");
        using var broken = new GaugeSource();
        using var healthy = new GaugeSource();
        broken.Statuses.Add(Status("gauge-broken", null, CircuitState.Open));
        broken.Broken = true;
        healthy.Statuses.Add(Status("gauge-healthy", null, CircuitState.Open));

        metrics.RecordObservableInstruments();

        Assert.Empty(metrics.Of("gauge-broken"));
        Assert.Equal(["brama.circuit.state 1 brama.connection=gauge-healthy"], metrics.Of("gauge-healthy").Select(m => m.ToString()));
        Assert.Contains(events.GaugeFailures, e => e.Contains("broken host", StringComparison.Ordinal));
    }

    [Fact]
    public void Signals_are_observed_only_while_a_listener_or_subscription_wants_them()
    {
        using var harness = new SignalHarness();
        Assert.All(Enum.GetValues<EngineSignal>(), s => Assert.False(harness.Wants(s)));

        using (new MetricsCapture("brama.calls"))
        {
            Assert.Equal(
                [EngineSignal.Succeeded, EngineSignal.Failed, EngineSignal.Ignored, EngineSignal.Rejected],
                Enum.GetValues<EngineSignal>().Where(harness.Wants));
        }

        using (new MetricsCapture("brama.circuit.transitions"))
        {
            Assert.Equal(
                [EngineSignal.Opened, EngineSignal.Closed, EngineSignal.HalfOpened, EngineSignal.Reset],
                Enum.GetValues<EngineSignal>().Where(harness.Wants));
        }

        Assert.All(Enum.GetValues<EngineSignal>(), s => Assert.False(harness.Wants(s)));
    }

    [Fact]
    public void Publishing_computes_and_allocates_nothing_when_nothing_listens()
    {
        using var harness = new SignalHarness();
        var opened = Data(CircuitState.Closed, CircuitState.Open, "timeout", failures: 5, openings: 1, retryAfter: TimeSpan.FromSeconds(60));
        var rejected = Data(CircuitState.Open, CircuitState.Open, retryAfter: TimeSpan.FromSeconds(60));

        var signals = Enum.GetValues<EngineSignal>();

        PublishAll(harness, signals, opened, rejected);
        var before = GC.GetAllocatedBytesForCurrentThread();
        PublishAll(harness, signals, opened, rejected);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void PublishAll(SignalHarness harness, EngineSignal[] signals, SignalData opened, SignalData rejected)
        {
            foreach (var signal in signals)
            {
                harness.Publish("quiet", "s", signal, signal == EngineSignal.Rejected ? rejected : opened);
            }
        }
    }

    [Fact]
    public void A_throwing_metrics_listener_never_reaches_the_caller_and_is_reported()
    {
        using var events = new BramaEventListener();
        using var metrics = new MetricsCapture("brama.calls") { OnMeasurement = _ => throw new InvalidOperationException("listener broke") };
        using var harness = new SignalHarness();
        var recorder = new EventRecorder();
        using var subscription = harness.Events.Subscribe(recorder.Record);

        harness.Publish("throwing-listener", EngineSignal.Succeeded, Closed());

        var failure = Assert.Single(events.PublishFailures("'throwing-listener'"));
        Assert.Equal("Succeeded", failure.Signal);
        Assert.Contains("listener broke", failure.Exception, StringComparison.Ordinal);
    }

    private static ConnectionStatus Status(string identifier, string? scope, CircuitState state) =>
        new() { Identifier = identifier, Scope = scope, State = state, Options = ConnectionOptions.Default };
}
