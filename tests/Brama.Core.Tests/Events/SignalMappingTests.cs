using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>Each engine signal becomes exactly the events of the design's §3 table, in order, with the signal's data.</summary>
public class SignalMappingTests
{
    private static readonly Dictionary<string, (EngineSignal Signal, SignalData Data, EventType[] Expected)> Cases = new()
    {
        ["register"] = (EngineSignal.Registered, Closed(), [EventType.Registration, EventType.ConnectionRegistered]),
        ["unregister"] = (EngineSignal.Unregistered, Closed(2), [EventType.ConnectionUnregistered]),
        ["cleanup removes"] = (EngineSignal.Removed, Closed(), [EventType.ConnectionRemoved, EventType.Cleanup]),
        ["success"] = (EngineSignal.Succeeded, Closed(), [EventType.Success]),
        ["failure while closed"] = (EngineSignal.Failed, Data(CircuitState.Closed, CircuitState.Closed, "timeout", failures: 3), [EventType.Failure]),
        ["late failure while open"] = (EngineSignal.Failed, Data(CircuitState.Open, CircuitState.Open, "late", openings: 1), [EventType.Failure]),
        ["ignored"] = (EngineSignal.Ignored, Closed(), []),
        ["rejected"] = (EngineSignal.Rejected, Data(CircuitState.Open, CircuitState.Open, openings: 1, retryAfter: TimeSpan.FromSeconds(12)), []),
        ["open from closed"] = (
            EngineSignal.Opened,
            Data(CircuitState.Closed, CircuitState.Open, "timeout", failures: 5, openings: 1, retryAfter: TimeSpan.FromSeconds(60)),
            [EventType.CircuitOpened, EventType.StateChange]),
        ["probe failure"] = (
            EngineSignal.Opened,
            Data(CircuitState.HalfOpen, CircuitState.Open, "probe failed", openings: 2, retryAfter: TimeSpan.FromSeconds(120)),
            [EventType.CircuitOpened, EventType.StateChange]),
        ["manual open of an open circuit"] = (
            EngineSignal.Opened,
            Data(CircuitState.Open, CircuitState.Open, "maintenance", openings: 2, retryAfter: TimeSpan.FromMinutes(5), manual: true),
            [EventType.CircuitOpened]),
        ["probe success"] = (EngineSignal.Closed, Data(CircuitState.HalfOpen, CircuitState.Closed), [EventType.CircuitClosed, EventType.StateChange]),
        ["manual close"] = (
            EngineSignal.Closed,
            Data(CircuitState.Open, CircuitState.Closed, "fixed", openings: 1, manual: true),
            [EventType.CircuitClosed, EventType.StateChange]),
        ["half-open"] = (EngineSignal.HalfOpened, Data(CircuitState.Open, CircuitState.HalfOpen, openings: 1), [EventType.CircuitHalfOpened, EventType.StateChange]),
        ["expiry"] = (EngineSignal.Expired, Data(CircuitState.Open, CircuitState.Open, openings: 1), [EventType.Expiry]),
        ["reset of an open circuit"] = (
            EngineSignal.Reset,
            Data(CircuitState.Open, CircuitState.Closed, "deploy", manual: true),
            [EventType.CircuitReset, EventType.StateChange]),
        ["reset of a closed circuit"] = (EngineSignal.Reset, Data(CircuitState.Closed, CircuitState.Closed, "deploy", manual: true), [EventType.CircuitReset]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Signal_becomes_the_events_of_the_table_in_order_with_its_data(string action)
    {
        var (signal, data, expected) = Cases[action];
        using var harness = new PublisherHarness();
        var recorder = new EventRecorder();
        using var subscription = harness.Events.Subscribe(recorder.Record);

        harness.Publish("payment_api", "payments", signal, data);
        harness.Publish("fence", EngineSignal.Registered, Closed());
        var events = await recorder.WaitForFenceAsync("fence");

        Assert.Equal(expected, events.Select(e => e.Type));
        var expectedData = new BramaEventData
        {
            PreviousState = data.PreviousState, NewState = data.NewState, Reason = data.Reason, FailureCount = data.FailureCount,
            Openings = data.Openings, RetryAfter = data.RetryAfter, IsManual = data.IsManual, Metadata = Metadata,
        };
        Assert.All(events, e =>
        {
            Assert.Equal("payment_api", e.Connection);
            Assert.Equal("payments", e.Scope);
            Assert.Equal(Start, e.Timestamp);
            Assert.Equal(expectedData, e.Data);
        });
    }

    [Fact]
    public async Task Timestamp_is_the_wall_clock_of_the_time_provider_when_the_signal_was_published()
    {
        using var harness = new PublisherHarness();
        var recorder = new EventRecorder();
        using var subscription = harness.Events.Subscribe(recorder.Record);

        harness.PublishSuccess("a");
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        var events = await recorder.WaitForCountAsync(3);

        Assert.Equal([Start, Start.AddMinutes(3), Start.AddMinutes(3)], events.Select(e => e.Timestamp));
        Assert.All(events, e => Assert.Null(e.Scope));
    }

    [Fact]
    public async Task Events_of_one_signal_are_one_instance_per_type_shared_by_every_subscriber()
    {
        using var harness = new PublisherHarness();
        var first = new EventRecorder();
        var second = new EventRecorder();
        using var a = harness.Events.Subscribe(first.Record);
        using var b = harness.Events.Subscribe(second.Record);

        harness.Publish("a", EngineSignal.Opened, Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1));
        var one = await first.WaitForCountAsync(2);
        var two = await second.WaitForCountAsync(2);

        Assert.Same(one[0], two[0]);
        Assert.Same(one[1], two[1]);
    }

    [Fact]
    public void Default_event_data_has_empty_metadata_and_a_readable_description()
    {
        var bramaEvent = new BramaEvent(
            EventType.CircuitOpened,
            Start,
            "payment_api",
            "payments",
            new BramaEventData { PreviousState = CircuitState.Closed, NewState = CircuitState.Open, FailureCount = 5, Openings = 1, Reason = "timeout", IsManual = true });

        Assert.Empty(default(BramaEventData).Metadata);
        Assert.Equal(
            "CircuitOpened 'payment_api' in scope 'payments' at 2025-03-01T12:00:00.0000000+00:00: Closed -> Open, failures 5, openings 1 (manual): timeout",
            bramaEvent.ToString());
        Assert.Throws<ArgumentNullException>("connection", () => new BramaEvent(EventType.Success, Start, null!, null, default));
    }
}
