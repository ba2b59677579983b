using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;

namespace Brama.Benchmarks;

/// <summary>P2: Task&lt;T&gt; and ValueTask&lt;T&gt; methods through a closed circuit, completing synchronously and asynchronously.</summary>
[MemoryDiagnoser]
public class AsyncBenchmarks
{
    private readonly ResiliencePipeline _polly = PollyPipelines.Closed();

    [GlobalSetup]
    public void Setup() => ClosedClient.One();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Task, synchronous")]
    public Task<int> TaskDirect() => Work.OneTask();

    [Benchmark]
    [BenchmarkCategory("Task, synchronous")]
    public Task<int> TaskBrama() => ClosedClient.OneTask();

    [Benchmark]
    [BenchmarkCategory("Task, synchronous")]
    public ValueTask<int> TaskPolly() => _polly.ExecuteAsync(static _ => new ValueTask<int>(Work.OneTask()));

    [Benchmark]
    [BenchmarkCategory("ValueTask, synchronous")]
    public ValueTask<int> ValueTaskDirect() => Work.OneValueTask();

    [Benchmark]
    [BenchmarkCategory("ValueTask, synchronous")]
    public ValueTask<int> ValueTaskBrama() => ClosedClient.OneValueTask();

    [Benchmark]
    [BenchmarkCategory("ValueTask, synchronous")]
    public ValueTask<int> ValueTaskPolly() => _polly.ExecuteAsync(static _ => Work.OneValueTask());

    [Benchmark]
    [BenchmarkCategory("Task, asynchronous")]
    public Task<int> TaskYieldingDirect() => Work.OneTaskYielding();

    [Benchmark]
    [BenchmarkCategory("Task, asynchronous")]
    public Task<int> TaskYieldingBrama() => ClosedClient.OneTaskYielding();

    [Benchmark]
    [BenchmarkCategory("Task, asynchronous")]
    public ValueTask<int> TaskYieldingPolly() => _polly.ExecuteAsync(static _ => new ValueTask<int>(Work.OneTaskYielding()));

    [Benchmark]
    [BenchmarkCategory("ValueTask, asynchronous")]
    public ValueTask<int> ValueTaskYieldingDirect() => Work.OneValueTaskYielding();

    [Benchmark]
    [BenchmarkCategory("ValueTask, asynchronous")]
    public ValueTask<int> ValueTaskYieldingBrama() => ClosedClient.OneValueTaskYielding();

    [Benchmark]
    [BenchmarkCategory("ValueTask, asynchronous")]
    public ValueTask<int> ValueTaskYieldingPolly() => _polly.ExecuteAsync(static _ => Work.OneValueTaskYielding());
}
