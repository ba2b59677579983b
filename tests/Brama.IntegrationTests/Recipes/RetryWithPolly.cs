using Polly;
using Polly.Retry;

namespace Brama.IntegrationTests.Recipes;

// <recipe>
/// <summary>The dependency's client: Brama's breaker is on the method, Polly's retry around the calls.</summary>
public sealed partial class InventoryClient(ConnectionRegistry registry, Func<string, CancellationToken, Task<int>> send)
{
    private readonly ConnectionRegistry _registry = registry;

    [CircuitBreaker("inventory_api", MaxAttempts = 3, ExpiryMilliseconds = 30_000)]
    public partial Task<int> GetStockAsync(string sku, CancellationToken cancellationToken);

    private Task<int> GetStockAsyncCore(string sku, CancellationToken cancellationToken) => send(sku, cancellationToken);
}

public static class InventoryResilience
{
    /// <summary>
    /// Retries transient failures with exponential backoff, but never an open circuit: CircuitOpenException means the
    /// breaker already knows the dependency is down, and retrying it would only wait for nothing.
    /// </summary>
    public static ResiliencePipeline CreateRetry(TimeProvider timeProvider) => new ResiliencePipelineBuilder { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>(),
        })
        .Build();
}

// At the call site:
//     var stock = await retry.ExecuteAsync(static (state, ct) => new ValueTask<int>(state.GetStockAsync("sku-42", ct)), inventory, cancellationToken);
// </recipe>
