using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;
using Polly.CircuitBreaker;
using PollyOutcomes = Polly.Outcome;

namespace Brama.Benchmarks;

/// <summary>P3: a call rejected by an open circuit, answered by a fallback or an exception.</summary>
[MemoryDiagnoser]
public class OpenCircuitBenchmarks
{
    private readonly ResiliencePipeline _polly = PollyPipelines.Isolated();

    [GlobalSetup]
    public void Setup() => OpenClient.HoldOpen();

    [Benchmark(Baseline = true)]
    public int Direct() => Work.One();

    /// <summary>The floor of any rejection: an open circuit must read the clock to know whether its break is over.</summary>
    [Benchmark]
    public long ClockRead() => TimeProvider.System.GetTimestamp();

    [Benchmark]
    public int BramaFallback() => OpenClient.WithFallback();

    [Benchmark]
    public int BramaThrows()
    {
        try
        {
            return OpenClient.WithoutFallback();
        }
        catch (CircuitOpenException)
        {
            return -1;
        }
    }

    [Benchmark]
    public int PollyOutcome()
    {
        var context = ResilienceContextPool.Shared.Get();
        var outcome = _polly.ExecuteOutcomeAsync(
            static (_, _) => PollyOutcomes.FromResultAsValueTask(Work.One()), context, state: 0).GetAwaiter().GetResult();
        ResilienceContextPool.Shared.Return(context);
        return outcome.Exception is null ? outcome.Result : -1;
    }

    [Benchmark]
    public int PollyThrows()
    {
        try
        {
            return _polly.Execute(static () => Work.One());
        }
        catch (BrokenCircuitException)
        {
            return -1;
        }
    }
}
