using System.Globalization;
using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;
using Polly.Registry;

namespace Brama.Benchmarks;

/// <summary>
/// P9: a successful call through a closed circuit chosen by its argument, cycling through 1,000 distinct values (all
/// registered in the setup), beside Polly's keyed pipelines (a <see cref="ResiliencePipelineRegistry{TKey}"/> with a
/// circuit-breaker pipeline per value). The baseline picks the value the same way and calls the work directly.
/// </summary>
[MemoryDiagnoser]
public class ScopeParameterBenchmarks
{
    private const int Values = 1_000;

    private static readonly Action<ResiliencePipelineBuilder> Configure = static builder => builder.AddCircuitBreaker(PollyPipelines.Options());

    private readonly string[] _tenants = [.. Enumerable.Range(0, Values).Select(static i => "tenant-" + i.ToString(CultureInfo.InvariantCulture))];
    private readonly ResiliencePipelineRegistry<string> _pollyByTenant = new();
    private readonly ResiliencePipelineRegistry<int> _pollyByShard = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Values; i++)
        {
            ScopedClient.ByTenant(_tenants[i]);
            ScopedClient.ByShard(i);
            _pollyByTenant.GetOrAddPipeline(_tenants[i], Configure);
            _pollyByShard.GetOrAddPipeline(i, Configure);
        }
    }

    [Benchmark(Baseline = true)]
    public int Direct() => Next() + Work.One();

    [Benchmark]
    public int BramaStringScope() => ScopedClient.ByTenant(_tenants[Next()]);

    [Benchmark]
    public int BramaIntScope() => ScopedClient.ByShard(Next());

    [Benchmark]
    public int PollyStringKey() =>
        _pollyByTenant.GetOrAddPipeline(_tenants[Next()], Configure).Execute(static () => Work.One());

    [Benchmark]
    public int PollyIntKey() =>
        _pollyByShard.GetOrAddPipeline(Next(), Configure).Execute(static () => Work.One());

    private int Next()
    {
        var next = _next + 1;
        _next = next == Values ? 0 : next;
        return _next;
    }
}
