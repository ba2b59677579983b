using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;

namespace Brama.Benchmarks;

/// <summary>P1: a successful synchronous call through a closed circuit.</summary>
[MemoryDiagnoser]
public class ClosedCircuitBenchmarks
{
    private readonly ResiliencePipeline _polly = PollyPipelines.Closed();
    private Connection _connection = null!;

    [GlobalSetup]
    public void Setup()
    {
        _connection = ConnectionRegistry.Default.GetOrRegister(ClosedClient.Connection);
        ClosedClient.One();
    }

    [Benchmark(Baseline = true)]
    public int Direct() => Work.One();

    [Benchmark]
    public int BramaDecorated() => ClosedClient.One();

    [Benchmark]
    public int BramaHandle()
    {
        if (!_connection.TryAcquire(out var permit))
        {
            return -1;
        }

        var result = Work.One();
        permit.Complete(Outcome.Success);
        return result;
    }

    [Benchmark]
    public int Polly() => _polly.Execute(static () => Work.One());
}
