using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;

namespace Brama.Benchmarks;

[MemoryDiagnoser]
public partial class ClosedCircuitBenchmarks
{
    private readonly ResiliencePipeline _polly = new ResiliencePipelineBuilder()
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = TimeSpan.FromSeconds(5),
        })
        .Build();

    // The baseline and Polly call the undecorated implementation on purpose: that is what they measure.
#pragma warning disable BRAMA010
    [Benchmark(Baseline = true)]
    public int Direct() => OneCore();

    [Benchmark]
    public int Brama() => One();

    [Benchmark]
    public int Polly() => _polly.Execute(static () => OneCore());
#pragma warning restore BRAMA010

    [CircuitBreaker("bench_closed")]
    private static partial int One();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OneCore() => 1;
}
