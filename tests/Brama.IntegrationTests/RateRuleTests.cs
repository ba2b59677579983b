using Brama.IntegrationTests.Decorated;
using Microsoft.Extensions.Time.Testing;

namespace Brama.IntegrationTests;

/// <summary>The attribute's rate options reach the connection the decorator registers, and trip it.</summary>
public sealed class RateRuleTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConnectionRegistry _registry;
    private readonly SearchClient _client;

    public RateRuleTests()
    {
        _registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, _time);
        _client = new SearchClient(_registry, _time);
    }

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void Every_other_call_failing_opens_the_circuit_at_the_minimum_throughput()
    {
        for (var i = 0; i < 9; i++)
        {
            _client.Failing = i % 2 == 1;
            Call();
        }

        Assert.True(_registry.TryGetStatus("search_api", null, out var before));
        Assert.Equal((CircuitState.Closed, 9, 4), (before.State, before.SampledCalls, before.SampledFailures));

        _client.Failing = true;
        Call();

        Assert.True(_registry.TryGetStatus("search_api", null, out var after));
        Assert.Equal(CircuitState.Open, after.State);
        Assert.StartsWith("failure rate 50 % of 10 calls in 10 s ≥ 50 %; last failure: InvalidOperationException", after.LastReason, StringComparison.Ordinal);
        var rejected = Assert.Throws<CircuitOpenException>(() => _client.Search("q"));
        Assert.Equal("search_api", rejected.Status.Identifier);
    }

    [Fact]
    public void Slow_successes_open_the_circuit_by_the_slow_call_rule()
    {
        _client.Latency = TimeSpan.FromMilliseconds(1_001); // ten of them fit in the 10 s window
        for (var i = 0; i < 10; i++)
        {
            Call();
        }

        Assert.True(_registry.TryGetStatus("search_api", null, out var status));
        Assert.Equal(CircuitState.Open, status.State);
        Assert.StartsWith("slow-call rate (over 1 s) 100 % of 10 calls in 10 s", status.LastReason, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), status.Options.SlowCallDuration);
        Assert.Equal(0.8, status.Options.SlowCallRatio);
    }

    private void Call()
    {
        try
        {
            _client.Search("query");
        }
        catch (InvalidOperationException)
        {
        }
    }
}
