using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;

namespace Brama.Benchmarks;

/// <summary>
/// P11: a successful synchronous call through a closed circuit inside a Polly pipeline: one whose only strategy is
/// Brama's (<c>AddBramaCircuitBreaker</c>) beside one whose only strategy is Polly's own breaker, configured as in
/// <see cref="PollyPipelines"/>.
/// </summary>
[MemoryDiagnoser]
public class PollyStrategyBenchmarks
{
    private readonly ResiliencePipeline _pollyBreaker = PollyPipelines.Closed();
    private ConnectionRegistry _registry = null!;
    private ResiliencePipeline _bramaStrategy = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ConnectionRegistry();
        _bramaStrategy = new ResiliencePipelineBuilder().AddBramaCircuitBreaker(_registry, "polly_strategy").Build();
        _bramaStrategy.Execute(static () => Work.One());
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    [Benchmark(Baseline = true)]
    public int Direct() => Work.One();

    [Benchmark]
    public int BramaStrategy() => _bramaStrategy.Execute(static () => Work.One());

    [Benchmark]
    public int PollyCircuitBreaker() => _pollyBreaker.Execute(static () => Work.One());
}
