namespace Brama.IntegrationTests.Decorated;

/// <summary>A busy dependency that fails intermittently or slows down: the rate rules from the attribute.</summary>
public sealed partial class SearchClient(ConnectionRegistry registry, TimeProvider time)
{
    private readonly ConnectionRegistry _registry = registry;

    /// <summary>Whether the next call fails.</summary>
    public bool Failing { get; set; }

    /// <summary>How long the next call takes on the fake clock.</summary>
    public TimeSpan Latency { get; set; }

    [CircuitBreaker("search_api", FailureRatio = 0.5, MinimumThroughput = 10, SamplingDurationMilliseconds = 10_000,
        SlowCallMilliseconds = 1_000, SlowCallRatio = 0.8)]
    public partial int Search(string query);

    private int SearchCore(string query)
    {
        if (Latency > TimeSpan.Zero)
        {
            ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)time).Advance(Latency);
        }

        return Failing ? throw new InvalidOperationException("search failed") : query.Length;
    }
}
