using Brama.Testing;
using Polly;

namespace Brama.Polly.Tests;

/// <summary>A client whose method Brama decorates, on the same connection as the Polly pipelines of the tests.</summary>
public sealed partial class InventoryClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    public bool Down { get; set; }

    public int Calls { get; private set; }

    [CircuitBreaker("inventory_api", MaxAttempts = 2, ExpiryMilliseconds = 20_000)]
    public partial int GetStock(string sku);

    private int GetStockCore(string sku)
    {
        Calls++;
        return Down ? throw new HttpRequestException("inventory down") : sku.Length;
    }
}

/// <summary>A decorated method and a Polly pipeline that name one connection share one circuit.</summary>
public sealed class SharedCircuitTests : IDisposable
{
    private readonly BramaTestHarness _brama = new();
    private readonly InventoryClient _client;
    private readonly ResiliencePipeline _pipeline;
    private int _pipelineCalls;

    public SharedCircuitTests()
    {
        _client = new InventoryClient(_brama.Registry);
        _pipeline = new ResiliencePipelineBuilder().AddBramaCircuitBreaker(_brama.Registry, "inventory_api").Build();
    }

    public void Dispose() => _brama.Dispose();

    [Fact]
    public void Opening_the_circuit_by_hand_makes_the_pipeline_reject()
    {
        Assert.Equal(3, _client.GetStock("abc"));
        Assert.True(_brama.Registry.Open("inventory_api", reason: "maintenance window"));

        var rejected = Assert.Throws<BramaBrokenCircuitException>(() => _pipeline.Execute(() => ++_pipelineCalls));

        Assert.Equal(0, _pipelineCalls);
        Assert.Equal("maintenance window", rejected.Status.LastReason);
        Assert.Throws<CircuitOpenException>(() => _client.GetStock("abc"));
    }

    [Fact]
    public void Failures_of_both_count_towards_one_trip_and_both_are_rejected_after_it()
    {
        _client.Down = true;
        Assert.Throws<HttpRequestException>(() => _client.GetStock("abc"));
        Assert.Throws<InvalidOperationException>(() => _pipeline.Execute(() => throw new InvalidOperationException("timeout")));

        // The decorated method registered the connection first, so its declared MaxAttempts = 2 applies to both.
        var status = _brama.Registry.ShouldBeOpen("inventory_api");
        Assert.Equal(2, status.Options.MaxAttempts);

        var rejected = Assert.Throws<BramaBrokenCircuitException>(() => _pipeline.Execute(() => ++_pipelineCalls));
        Assert.Equal(TimeSpan.FromSeconds(20), rejected.RetryAfter);
        Assert.Throws<CircuitOpenException>(() => _client.GetStock("abc"));
        Assert.Equal(1, _client.Calls);
        Assert.Equal(0, _pipelineCalls);
    }

    [Fact]
    public void A_probe_through_the_pipeline_closes_the_circuit_for_the_decorated_method()
    {
        _client.Down = true;
        Assert.Throws<HttpRequestException>(() => _client.GetStock("abc"));
        Assert.Throws<HttpRequestException>(() => _client.GetStock("abc"));
        _brama.Advance(TimeSpan.FromSeconds(20));

        _pipeline.Execute(() => ++_pipelineCalls);

        _brama.Registry.ShouldBeClosed("inventory_api");
        _client.Down = false;
        Assert.Equal(3, _client.GetStock("abc"));
    }
}
