namespace Brama.Core.Tests.Options;

/// <summary>
/// Equality of the option and filter records: every property takes part, equal values hash alike, and the text
/// forms describe the values. Registries compare options to tell a real change from a repeated configuration.
/// </summary>
public sealed class OptionsEqualityTests
{
    private static readonly ConnectionOptions Base = new()
    {
        MaxAttempts = 3,
        Expiry = TimeSpan.FromSeconds(10),
        ExpiryStrategy = ExpiryStrategy.Progressive,
        InitialExpiry = TimeSpan.FromSeconds(5),
        MaxExpiry = TimeSpan.FromMinutes(5),
        BackoffFactor = 2.0,
        HalfOpenMaxCalls = 2,
        SuccessesToClose = 2,
        ProbeTimeout = TimeSpan.FromSeconds(20),
        InactivityTimeout = TimeSpan.FromHours(1),
        FailureRatio = 0.5,
        MinimumThroughput = 20,
        SamplingDuration = TimeSpan.FromSeconds(10),
        SamplingCalls = 50,
        SlowCallDuration = TimeSpan.FromSeconds(2),
        SlowCallRatio = 0.8,
        Metadata = new Dictionary<string, string> { ["team"] = "payments" },
    };

    private static readonly Dictionary<string, Func<ConnectionOptions, ConnectionOptions>> OneChange = new()
    {
        ["MaxAttempts"] = static o => o with { MaxAttempts = 4 },
        ["Expiry"] = static o => o with { Expiry = TimeSpan.FromSeconds(11) },
        ["ExpiryStrategy"] = static o => o with { ExpiryStrategy = ExpiryStrategy.Fixed },
        ["InitialExpiry"] = static o => o with { InitialExpiry = TimeSpan.FromSeconds(6) },
        ["MaxExpiry"] = static o => o with { MaxExpiry = TimeSpan.FromMinutes(6) },
        ["BackoffFactor"] = static o => o with { BackoffFactor = 3.0 },
        ["HalfOpenMaxCalls"] = static o => o with { HalfOpenMaxCalls = 3 },
        ["SuccessesToClose"] = static o => o with { SuccessesToClose = 3 },
        ["ProbeTimeout"] = static o => o with { ProbeTimeout = TimeSpan.FromSeconds(21) },
        ["InactivityTimeout"] = static o => o with { InactivityTimeout = null },
        ["FailureRatio"] = static o => o with { FailureRatio = 0.6 },
        ["FailureRatio off"] = static o => o with { FailureRatio = null },
        ["MinimumThroughput"] = static o => o with { MinimumThroughput = 21 },
        ["SamplingDuration"] = static o => o with { SamplingDuration = TimeSpan.FromSeconds(11) },
        ["SamplingCalls"] = static o => o with { SamplingCalls = null },
        ["SlowCallDuration"] = static o => o with { SlowCallDuration = TimeSpan.FromSeconds(3) },
        ["SlowCallRatio"] = static o => o with { SlowCallRatio = 0.9 },
        ["Metadata value"] = static o => o with { Metadata = new Dictionary<string, string> { ["team"] = "billing" } },
        ["Metadata key"] = static o => o with { Metadata = new Dictionary<string, string> { ["owner"] = "payments" } },
        ["Metadata count"] = static o => o with { Metadata = new Dictionary<string, string>() },
    };

    public static TheoryData<string> Changes() => [.. OneChange.Keys];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Options_differing_in_one_value_are_not_equal(string change)
    {
        var changed = OneChange[change](Base);

        Assert.False(Base.Equals(changed));
        Assert.False(changed.Equals(Base));
        Assert.NotEqual(Base, changed);
    }

    [Fact]
    public void Options_with_the_same_values_are_equal_and_hash_alike()
    {
        var copy = new ConnectionOptions
        {
            MaxAttempts = 3,
            Expiry = TimeSpan.FromSeconds(10),
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = TimeSpan.FromSeconds(5),
            MaxExpiry = TimeSpan.FromMinutes(5),
            HalfOpenMaxCalls = 2,
            SuccessesToClose = 2,
            ProbeTimeout = TimeSpan.FromSeconds(20),
            InactivityTimeout = TimeSpan.FromHours(1),
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(10),
            SamplingCalls = 50,
            SlowCallDuration = TimeSpan.FromSeconds(2),
            SlowCallRatio = 0.8,
            Metadata = new Dictionary<string, string> { ["team"] = "payments" },
        };

        Assert.Equal(Base, copy);
        Assert.Equal(Base.GetHashCode(), copy.GetHashCode());
        Assert.False(Base.Equals(null));
    }

    [Fact]
    public void Filters_compare_their_event_sets_and_every_field()
    {
        var filter = new EventFilter { Events = [EventType.Success, EventType.Failure, EventType.Success], Connection = "api", Scope = "eu" };
        var same = new EventFilter { Events = [EventType.Failure, EventType.Success], Connection = "api", Scope = "eu" };

        Assert.Equal(filter, same);
        Assert.Equal(filter.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(filter, same with { Connection = "web" });
        Assert.NotEqual(filter, same with { Connection = null });
        Assert.NotEqual(filter, same with { Scope = "us" });
        Assert.NotEqual(filter, same with { Scope = null });
        Assert.NotEqual(filter, same with { Events = [EventType.Failure] });
        Assert.NotEqual(filter with { Scope = null }, same with { Scope = null, UnscopedOnly = true });
    }

    [Fact]
    public void Filters_with_no_connection_or_scope_hash_and_differ_from_those_with_one()
    {
        var any = new EventFilter();

        Assert.Equal(any.GetHashCode(), new EventFilter().GetHashCode());
        Assert.Equal(any.GetHashCode(), new EventFilter { Events = Enum.GetValues<EventType>() }.GetHashCode());
        Assert.NotEqual(new EventFilter { Connection = "api" }.GetHashCode(), new EventFilter { Connection = "web" }.GetHashCode());
        Assert.NotEqual(new EventFilter { Scope = "eu" }.GetHashCode(), new EventFilter { Scope = "us" }.GetHashCode());
    }

    [Fact]
    public void Undefined_event_types_make_a_filter_unequal_to_any_valid_one()
    {
        var undefined = EventFilter.ForEvents((EventType)99);

        Assert.NotEqual(undefined, new EventFilter { Events = [] });
        Assert.NotEqual(undefined, EventFilter.ForEvents((EventType)(99 % 32)));
        Assert.NotEqual(undefined, EventFilter.ForEvents(EventType.Success));
        Assert.Equal(undefined, EventFilter.ForEvents((EventType)50));
    }

    [Fact]
    public void A_filter_prints_its_values_and_what_null_means()
    {
        Assert.Equal(
            "EventFilter { Events = (all), Connection = (any), Scope = (any), UnscopedOnly = False }",
            new EventFilter().ToString());
        Assert.Equal(
            "EventFilter { Events = [Failure, Success], Connection = api, Scope = eu, UnscopedOnly = False }",
            new EventFilter { Events = [EventType.Failure, EventType.Success], Connection = "api", Scope = "eu" }.ToString());
    }

    [Fact]
    public void A_subscription_keeps_its_event_types_distinct_in_ascending_order()
    {
        using var registry = new ConnectionRegistry(timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var events = new List<EventType> { EventType.Success, EventType.CircuitOpened, EventType.Failure, EventType.Success };

        using var subscription = registry.Events.Subscribe(static _ => { }, new EventFilter { Events = events });
        events.Clear();

        Assert.Equal([EventType.Failure, EventType.Success, EventType.CircuitOpened], subscription.Filter!.Events!);
    }

    [Fact]
    public void Connection_keys_compare_identifier_and_scope()
    {
        var key = new ConnectionKey("api", "eu");

        Assert.True(key.Equals(new ConnectionKey("api", "eu")));
        Assert.False(key.Equals(new ConnectionKey("api", "us")));
        Assert.False(key.Equals(new ConnectionKey("api", null)));
        Assert.False(key.Equals(new ConnectionKey("web", "eu")));
        Assert.Equal(key.GetHashCode(), new ConnectionKey("api", "eu").GetHashCode());
        Assert.NotEqual(key.GetHashCode(), new ConnectionKey("api", "us").GetHashCode());
        Assert.Equal("'api' in scope 'eu'", key.ToString());
        Assert.Equal("'api'", new ConnectionKey("api", null).ToString());
    }
}
