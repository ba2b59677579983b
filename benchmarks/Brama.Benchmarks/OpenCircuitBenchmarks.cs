using System.Runtime.CompilerServices;
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

    /// <summary>A precise clock read: what a rejection pays near the end of a break, or while rejections are observed.</summary>
    [Benchmark]
    public long ClockRead() => TimeProvider.System.GetTimestamp();

    /// <summary>The coarse tick an open circuit on the system clock rejects on while its break is certainly not over.</summary>
    [Benchmark]
    public long CoarseTickRead() => Environment.TickCount64;

    /// <summary>The floor of any exception path: one exception thrown from a shallow frame and caught by the caller.</summary>
    [Benchmark]
    public int ThrowAndCatch()
    {
        try
        {
            return ThrowOpen();
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ThrowOpen() => throw new InvalidOperationException("The circuit is open.");
}
