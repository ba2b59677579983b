using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Events;

/// <summary>
/// The filters for thousands of scopes: a scope prefix and metadata checked at the source (once per connection), and a
/// predicate on the delivery side.
/// </summary>
public sealed class ConditionFilterTests : IDisposable
{
    private static readonly Dictionary<string, string> Payments = new() { ["team"] = "payments", ["tier"] = "gold" };
    private static readonly Dictionary<string, string> Search = new() { ["team"] = "search" };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConnectionRegistry _registry;

    public ConditionFilterTests() =>
        _registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, _time);

    public void Dispose() => _registry.Dispose();

    [Theory]
    [InlineData("tenant-eu-", new[] { "api/tenant-eu-1", "api/tenant-eu-2", "other/tenant-eu-9" })]
    [InlineData("tenant-", new[] { "api/tenant-eu-1", "api/tenant-us-1", "api/tenant-eu-2", "other/tenant-eu-9" })]
    [InlineData("Tenant-", new string[0])]
    [InlineData("tenant-eu-1", new[] { "api/tenant-eu-1" })]
    public async Task A_scope_prefix_selects_the_scopes_that_start_with_it(string prefix, string[] expected)
    {
        var stream = _registry.Events.Stream(new EventFilter { Events = [EventType.Failure], ScopePrefix = prefix });

        FailOnce(("api", "tenant-eu-1"), ("api", "tenant-us-1"), ("api", null), ("api", "tenant-eu-2"), ("other", "tenant-eu-9"), ("other", "eu-tenant-"));

        Assert.Equal(expected, await ReadAsync(stream));
    }

    [Fact]
    public async Task A_scope_prefix_combines_with_a_connection()
    {
        var stream = _registry.Events.Stream(new EventFilter { Events = [EventType.Failure], Connection = "api", ScopePrefix = "tenant-eu-" });

        FailOnce(("api", "tenant-eu-1"), ("other", "tenant-eu-9"), ("api", "tenant-us-1"));

        Assert.Equal(["api/tenant-eu-1"], await ReadAsync(stream));
    }

    [Fact]
    public async Task Metadata_selects_connections_holding_every_entry()
    {
        _registry.Register("pay", "a", new ConnectionOptions { Metadata = Payments });
        _registry.Register("pay", "b", new ConnectionOptions { Metadata = new Dictionary<string, string> { ["team"] = "payments" } });
        _registry.Register("find", null, new ConnectionOptions { Metadata = Search });
        var gold = _registry.Events.Stream(new EventFilter { Events = [EventType.Failure], Metadata = new Dictionary<string, string> { ["team"] = "payments", ["tier"] = "gold" } });
        var team = _registry.Events.Stream(new EventFilter { Events = [EventType.Failure], Metadata = new Dictionary<string, string> { ["team"] = "payments" } });

        FailOnce(("pay", "a"), ("pay", "b"), ("find", null));

        Assert.Equal(["pay/a"], await ReadAsync(gold));
        Assert.Equal(["pay/a", "pay/b"], await ReadAsync(team));
    }

    [Fact]
    public async Task Metadata_changed_by_Configure_changes_what_a_subscription_receives()
    {
        _registry.Register("find", null, new ConnectionOptions { Metadata = Search });
        var stream = _registry.Events.Stream(new EventFilter { Events = [EventType.Failure], Metadata = new Dictionary<string, string> { ["team"] = "payments" } });
        FailOnce(("find", null));

        Assert.True(_registry.Configure("find", null, new ConnectionOptions { Metadata = Payments }));
        FailOnce(("find", null));
        Assert.True(_registry.Configure("find", null, new ConnectionOptions { Metadata = Search }));
        FailOnce(("find", null));

        var failures = await ReadEventsAsync(stream);
        Assert.Equal("payments", Assert.Single(failures).Data.Metadata["team"]);
    }

    [Fact]
    public async Task A_predicate_runs_on_the_delivery_side_and_skips_what_it_refuses()
    {
        using var publishing = new ThreadLocal<bool>();
        var onPublishingThread = new List<bool>();
        var received = new List<string>();
        var delivered = new TaskCompletionSource();
        using var subscription = _registry.Events.Subscribe(
            e =>
            {
                received.Add(e.Scope!);
                if (e.Scope == "fence")
                {
                    delivered.TrySetResult();
                }
            },
            new EventFilter
            {
                Events = [EventType.Failure],
                Where = e =>
                {
                    lock (onPublishingThread)
                    {
                        onPublishingThread.Add(publishing.Value);
                    }

                    return e.Scope!.Length % 2 == 1 || e.Scope == "fence";
                },
            });

        publishing.Value = true;
        FailOnce(("api", "a"), ("api", "bb"), ("api", "ccc"), ("api", "fence"));
        publishing.Value = false;
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(["a", "ccc", "fence"], received);
        Assert.Equal([false, false, false, false], onPublishingThread);
        Assert.Equal(0, subscription.ExceptionCount);
    }

    [Fact]
    public async Task A_predicate_that_throws_skips_the_event_and_counts_an_exception()
    {
        var stream = _registry.Events.Stream(new EventFilter
        {
            Events = [EventType.Failure],
            Where = e => e.Scope == "boom" ? throw new InvalidOperationException("predicate failed") : true,
        });

        FailOnce(("api", "one"), ("api", "boom"), ("api", "two"));

        Assert.Equal(["api/one", "api/two"], await ReadAsync(stream));
        Assert.Equal(1, stream.Subscription.ExceptionCount);
    }

    [Fact]
    public void A_subscription_with_a_prefix_costs_a_non_matching_connection_no_event()
    {
        using var subscription = _registry.Events.Subscribe(_ => { }, new EventFilter { ScopePrefix = "tenant-" });
        var other = _registry.Register("api", "region-eu");

        Assert.True(other.ListenerCache is null || ((RouteCache)other.ListenerCache).Routes.EventMask == 0);
        other.ReportFailure();

        Assert.Equal(0u, ((RouteCache)other.ListenerCache!).Routes.EventMask);
    }

    [Theory]
    [InlineData("prefix and scope", "ScopePrefix cannot be combined")]
    [InlineData("prefix and unscoped", "ScopePrefix cannot be combined")]
    [InlineData("blank prefix", "EventFilter.ScopePrefix must be null")]
    [InlineData("empty metadata key", "EventFilter.Metadata must not hold an empty key")]
    public void Bad_condition_filters_are_rejected_naming_the_filter(string name, string message)
    {
        var filter = name switch
        {
            "prefix and scope" => new EventFilter { ScopePrefix = "t-", Scope = "t-1" },
            "prefix and unscoped" => new EventFilter { ScopePrefix = "t-", UnscopedOnly = true },
            "blank prefix" => new EventFilter { ScopePrefix = " " },
            _ => new EventFilter { Metadata = new Dictionary<string, string> { [""] = "x" } },
        };

        var error = Assert.Throws<ArgumentException>(() => _registry.Events.Subscribe(_ => { }, filter));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _registry.Events.Count);
    }

    [Fact]
    public void Filters_with_the_same_conditions_are_equal_and_unsubscribe_each_other()
    {
        Func<BramaEvent, bool> where = static _ => true;
        var first = new EventFilter { ScopePrefix = "t-", Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, Where = where };
        var second = new EventFilter { ScopePrefix = "t-", Metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" }, Where = where };
        Action<BramaEvent> handler = static _ => { };
        _registry.Events.Subscribe(handler, first);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, second with { Where = static _ => false });
        Assert.NotEqual(first, second with { Metadata = new Dictionary<string, string> { ["a"] = "1" } });
        Assert.Equal(new EventFilter(), new EventFilter { Metadata = new Dictionary<string, string>() });
        Assert.Equal(1, _registry.Events.Unsubscribe(handler, second));
    }

    [Fact]
    public void A_subscribed_filter_is_a_copy_that_later_changes_to_the_caller_s_dictionary_do_not_reach()
    {
        var metadata = new Dictionary<string, string> { ["team"] = "payments" };
        using var subscription = _registry.Events.Subscribe(_ => { }, new EventFilter { Metadata = metadata });

        metadata["team"] = "search";

        Assert.Equal("payments", subscription.Filter!.Metadata!["team"]);
        Assert.Equal("Events = (all), Connection = (any), Scope = (any), UnscopedOnly = False, Metadata = {team = payments}",
            subscription.Filter.ToString()[(nameof(EventFilter).Length + 3)..^2]);
    }

    private void FailOnce(params (string Identifier, string? Scope)[] connections)
    {
        foreach (var (identifier, scope) in connections)
        {
            _registry.GetOrRegister(identifier, scope).ReportFailure();
        }
    }

    private async Task<List<string>> ReadAsync(EventStream stream) =>
        [.. (await ReadEventsAsync(stream)).Select(static e => e.Connection + "/" + e.Scope)];

    private async Task<List<BramaEvent>> ReadEventsAsync(EventStream stream)
    {
        _registry.Dispose(); // ends the stream once its queued events were read
        var events = new List<BramaEvent>();
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }
}
