using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>Filters: every given field must match (AND), null matches anything, scope vs unscoped, and bad filters.</summary>
public class FilterTests
{
    // Published in this order for every case; each line is "connection/scope/type" with "-" for unscoped.
    private static readonly (string Connection, string? Scope, EngineSignal Signal)[] Publications =
    [
        ("a", null, EngineSignal.Succeeded),
        ("a", "s1", EngineSignal.Succeeded),
        ("b", "s1", EngineSignal.Failed),
        ("b", null, EngineSignal.Failed),
        ("a", "s2", EngineSignal.Opened),
        ("c", "s1", EngineSignal.Registered),
    ];

    private static readonly Dictionary<string, (EventFilter? Filter, string[] Expected)> Cases = new()
    {
        ["no filter"] = (null,
        [
            "a/-/Success", "a/s1/Success", "b/s1/Failure", "b/-/Failure", "a/s2/CircuitOpened", "a/s2/StateChange",
            "c/s1/Registration", "c/s1/ConnectionRegistered",
        ]),
        ["empty filter is a wildcard"] = (new EventFilter(),
        [
            "a/-/Success", "a/s1/Success", "b/s1/Failure", "b/-/Failure", "a/s2/CircuitOpened", "a/s2/StateChange",
            "c/s1/Registration", "c/s1/ConnectionRegistered",
        ]),
        ["events"] = (EventFilter.ForEvents(EventType.Failure, EventType.StateChange), ["b/s1/Failure", "b/-/Failure", "a/s2/StateChange"]),
        ["connection, any scope"] = (new EventFilter { Connection = "a" }, ["a/-/Success", "a/s1/Success", "a/s2/CircuitOpened", "a/s2/StateChange"]),
        ["scope, any connection"] = (new EventFilter { Scope = "s1" }, ["a/s1/Success", "b/s1/Failure", "c/s1/Registration", "c/s1/ConnectionRegistered"]),
        ["unscoped only"] = (new EventFilter { UnscopedOnly = true }, ["a/-/Success", "b/-/Failure"]),
        ["connection AND scope"] = (new EventFilter { Connection = "a", Scope = "s1" }, ["a/s1/Success"]),
        ["connection AND unscoped"] = (new EventFilter { Connection = "b", UnscopedOnly = true }, ["b/-/Failure"]),
        ["events AND connection"] = (new EventFilter { Events = [EventType.Success], Connection = "a" }, ["a/-/Success", "a/s1/Success"]),
        ["events AND scope"] = (new EventFilter { Events = [EventType.Failure, EventType.Registration], Scope = "s1" }, ["b/s1/Failure", "c/s1/Registration"]),
        ["events AND connection AND scope"] = (new EventFilter { Events = [EventType.StateChange], Connection = "a", Scope = "s2" }, ["a/s2/StateChange"]),
        ["events AND unscoped"] = (new EventFilter { Events = [EventType.Failure], UnscopedOnly = true }, ["b/-/Failure"]),
        ["no matching connection"] = (new EventFilter { Connection = "zzz" }, []),
        ["connection matches but scope does not"] = (new EventFilter { Connection = "a", Scope = "s9" }, []),
        ["connection and scope match but event does not"] = (new EventFilter { Events = [EventType.Expiry], Connection = "a", Scope = "s2" }, []),
        ["identifiers are case-sensitive"] = (new EventFilter { Connection = "A" }, []),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Stream_receives_exactly_the_events_its_filter_selects(string name)
    {
        var (filter, expected) = Cases[name];
        var harness = new PublisherHarness();
        var stream = harness.Events.Stream(filter);

        PublishAll(harness);
        harness.Dispose(); // completes the stream: it ends once the queued events were read
        var received = new List<string>();
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            received.Add($"{e.Connection}/{e.Scope ?? "-"}/{e.Type}");
        }

        Assert.Equal(expected, received);
    }

    [Fact]
    public async Task Handler_subscriptions_with_different_filters_each_receive_their_own_selection()
    {
        using var harness = new PublisherHarness();
        var byConnection = new EventRecorder();
        var byScope = new EventRecorder();
        using var a = harness.Events.Subscribe(byConnection.Record, new EventFilter { Connection = "fence" });
        using var b = harness.Events.Subscribe(byScope.Record, new EventFilter { Scope = "s1" });

        PublishAll(harness);
        harness.Publish("fence", "s1", EngineSignal.Succeeded, Closed());

        Assert.Empty(await byConnection.WaitForFenceAsync("fence"));
        Assert.Equal(
            ["a/Success", "b/Failure", "c/Registration", "c/ConnectionRegistered"],
            (await byScope.WaitForFenceAsync("fence")).Select(e => $"{e.Connection}/{e.Type}"));
    }

    [Fact]
    public void Empty_event_list_is_an_argument_error_naming_the_filter_and_subscribes_nothing()
    {
        using var harness = new PublisherHarness();

        var error = Assert.Throws<ArgumentException>("filter", () => harness.Events.Subscribe(_ => { }, new EventFilter { Events = [] }));

        Assert.Contains("EventFilter.Events must name at least one event type", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("filter", () => harness.Events.Stream(new EventFilter { Events = [] }));
        Assert.Throws<ArgumentException>("filter", () => harness.Events.SubscribeBatched(_ => { }, 10, TimeSpan.FromSeconds(1), new EventFilter { Events = [] }));
        Assert.Equal(0, harness.Events.Count);
        Assert.False(harness.Wants(EngineSignal.Registered));
    }

    public static TheoryData<string> InvalidFilters => ["undefined event", "empty connection", "whitespace scope", "long connection", "unscoped with scope"];

    [Theory]
    [MemberData(nameof(InvalidFilters))]
    public void Invalid_filter_is_an_argument_error_naming_the_filter(string name)
    {
        var filter = name switch
        {
            "undefined event" => new EventFilter { Events = [(EventType)42] },
            "empty connection" => new EventFilter { Connection = "" },
            "whitespace scope" => new EventFilter { Scope = "  " },
            "long connection" => new EventFilter { Connection = new string('x', 257) },
            _ => new EventFilter { Scope = "s1", UnscopedOnly = true },
        };
        using var harness = new PublisherHarness();

        Assert.Throws<ArgumentException>("filter", () => harness.Events.Subscribe(_ => { }, filter));
        Assert.Equal(0, harness.Events.Count);
    }

    [Fact]
    public async Task Changing_the_event_list_after_subscribing_changes_nothing()
    {
        var events = new List<EventType> { EventType.Failure };
        var harness = new PublisherHarness();
        var stream = harness.Events.Stream(new EventFilter { Events = events });

        events.Add(EventType.Success);
        harness.PublishSuccess("a");
        harness.Publish("a", EngineSignal.Failed, Closed(1));
        harness.Dispose();

        Assert.Equal([EventType.Failure], await ReadAllAsync(stream));
        Assert.Equal([EventType.Failure], stream.Filter!.Events);
    }

    [Fact]
    public void Filters_are_equal_when_they_select_the_same_events()
    {
        var filter = new EventFilter { Events = [EventType.Failure, EventType.Success], Connection = "a" };

        Assert.Equal(filter, new EventFilter { Events = [EventType.Success, EventType.Failure, EventType.Success], Connection = "a" });
        Assert.Equal(filter.GetHashCode(), new EventFilter { Events = [EventType.Success, EventType.Failure], Connection = "a" }.GetHashCode());
        Assert.Equal(new EventFilter(), new EventFilter { Events = Enum.GetValues<EventType>() });
        Assert.NotEqual(filter, filter with { Connection = "b" });
        Assert.NotEqual(filter, filter with { Events = [EventType.Failure] });
        Assert.NotEqual(new EventFilter(), new EventFilter { UnscopedOnly = true });
        Assert.NotEqual(new EventFilter { Scope = "s" }, new EventFilter { Scope = "S" });
        Assert.Equal(
            "EventFilter { Events = [Failure, Success], Connection = a, Scope = (any), UnscopedOnly = False }",
            filter.ToString());
        Assert.Equal("EventFilter { Events = (all), Connection = (any), Scope = (any), UnscopedOnly = True }", new EventFilter { UnscopedOnly = true }.ToString());
    }

    [Fact]
    public void Only_signals_a_subscription_wants_are_observed()
    {
        using var harness = new PublisherHarness();

        using var stateChanges = harness.Events.Subscribe(_ => { }, EventFilter.ForEvents(EventType.StateChange));
        using var cleanups = harness.Events.Subscribe(_ => { }, new EventFilter { Events = [EventType.Cleanup], Connection = "a" });

        var observed = Enum.GetValues<EngineSignal>().Where(harness.Wants);
        Assert.Equal(
            [EngineSignal.Removed, EngineSignal.Opened, EngineSignal.Closed, EngineSignal.HalfOpened, EngineSignal.Reset],
            observed);
        Assert.True(harness.Wants(EngineSignal.Opened));
        Assert.True(harness.Wants(EngineSignal.Removed));
        Assert.False(harness.Wants(EngineSignal.Registered));
        Assert.False(harness.Wants(EngineSignal.Expired));

        stateChanges.Dispose();
        cleanups.Dispose();
        Assert.DoesNotContain(Enum.GetValues<EngineSignal>(), harness.Wants);
    }

    internal static async Task<List<EventType>> ReadAllAsync(EventStream stream)
    {
        var types = new List<EventType>();
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            types.Add(e.Type);
        }

        return types;
    }

    private static void PublishAll(PublisherHarness harness)
    {
        foreach (var (connection, scope, signal) in Publications)
        {
            var data = signal == EngineSignal.Opened ? Data(CircuitState.Closed, CircuitState.Open, failures: 5, openings: 1) : Closed();
            harness.Publish(connection, scope, signal, data);
        }
    }
}
