using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Brama.Polly.Tests.Recipes;

// The code between the markers is docs/polly.md's first example, character for character (RecipeTests checks).
// <recipe>
public static class CatalogResilience
{
    /// <summary>
    /// Retry, then the Brama breaker, then a timeout: each attempt is one call through the circuit, a timed-out attempt
    /// is a failure, and an open circuit is not retried.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(ConnectionRegistry registry, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(static response => (int)response.StatusCode >= 500),
            })
            .AddBramaCircuitBreaker(registry, "catalog_api", options: new BramaCircuitBreakerOptions<HttpResponseMessage>
            {
                ConnectionOptions = new ConnectionOptions { MaxAttempts = 5, Expiry = TimeSpan.FromSeconds(30) },
                ClassifyResult = static response => (int)response.StatusCode >= 500
                    ? Brama.Outcome.Failure($"HTTP {(int)response.StatusCode}")
                    : Brama.Outcome.Success,
            })
            .AddTimeout(TimeSpan.FromSeconds(2))
            .Build();
}
// </recipe>
