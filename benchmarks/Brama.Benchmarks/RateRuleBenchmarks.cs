using System.Globalization;
using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Polly;

namespace Brama.Benchmarks;

/// <summary>
/// P8: a successful call through a closed circuit whose connection has rate rules: the failure-rate rule over a time
/// window and over a count window, with the slow-call rule, beside the consecutive rule alone and Polly's ratio breaker
/// (failure ratio 0.5, 10 calls, 10 s: the same rule). The setup prints the bytes each connection keeps with a window.
/// </summary>
[MemoryDiagnoser]
public class RateRuleBenchmarks
{
    private const int Connections = 10_000;

    private readonly ResiliencePipeline _polly = PollyPipelines.Closed();
    private ConnectionRegistry _registry = null!;
    private Connection _consecutive = null!;
    private Connection _timeWindow = null!;
    private Connection _countWindow = null!;
    private Connection _slowCalls = null!;

    /// <summary>The failure-rate rule of Polly's pipeline: ratio 0.5 over 10 s from 10 calls.</summary>
    public static ConnectionOptions FailureRate { get; } = new()
    {
        MaxAttempts = int.MaxValue,
        FailureRatio = 0.5,
        MinimumThroughput = 10,
        SamplingDuration = TimeSpan.FromSeconds(10),
    };

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ConnectionRegistry();
        _consecutive = _registry.Register("consecutive");
        _timeWindow = _registry.Register("time_window", null, FailureRate);
        _countWindow = _registry.Register("count_window", null, FailureRate with { SamplingCalls = 100 });
        _slowCalls = _registry.Register("slow_calls", null, FailureRate with { SlowCallDuration = TimeSpan.FromSeconds(2) });
        PrintBytesPerConnection("no rate rule", ConnectionOptions.Default);
        PrintBytesPerConnection("time window", FailureRate);
        PrintBytesPerConnection("count window of 100", FailureRate with { SamplingCalls = 100 });
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    [Benchmark(Baseline = true)]
    public int Direct() => Work.One();

    [Benchmark]
    public int ConsecutiveRule() => ByHand.Call(_consecutive);

    [Benchmark]
    public int FailureRateTimeWindow() => ByHand.Call(_timeWindow);

    [Benchmark]
    public int FailureRateCountWindow() => ByHand.Call(_countWindow);

    [Benchmark]
    public int FailureRateAndSlowCalls() => ByHand.Call(_slowCalls);

    [Benchmark]
    public int Polly() => _polly.Execute(static () => Work.One());

    /// <summary>The two clock reads the slow-call rule adds, on their own: what FailureRateAndSlowCalls may cost over FailureRateTimeWindow.</summary>
    [Benchmark]
    public long TwoClockReads() => TimeProvider.System.GetTimestamp() - TimeProvider.System.GetTimestamp() + Work.One();

    private static void PrintBytesPerConnection(string what, ConnectionOptions options)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var registry = new ConnectionRegistry();
        for (var i = 0; i < Connections; i++)
        {
            registry.Register("c" + i.ToString(CultureInfo.InvariantCulture), null, options);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(FormattableString.Invariant(
            $"// retained bytes per connection, {what}: {(after - before) / (double)Connections:F1} ({Environment.ProcessorCount} processors)"));
        GC.KeepAlive(registry);
    }
}

/// <summary>
/// P8: successful calls from one and two threads on one rate-rule connection. The mean is per call of one thread, so
/// the throughput of two threads over one is 2 × mean(1) ÷ mean(2).
/// </summary>
[MemoryDiagnoser]
public class RateRuleContentionBenchmarks
{
    public const int CallsPerThread = 1_000_000;

    private ConnectionRegistry _registry = null!;
    private Connection _consecutive = null!;
    private Connection _timeWindow = null!;
    private Connection _countWindow = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ConnectionRegistry();
        _consecutive = _registry.Register("consecutive");
        _timeWindow = _registry.Register("time_window", null, RateRuleBenchmarks.FailureRate);
        _countWindow = _registry.Register("count_window", null, RateRuleBenchmarks.FailureRate with { SamplingCalls = 100 });
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerThread)]
    public long ConsecutiveRule() => Run(_consecutive);

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public long FailureRateTimeWindow() => Run(_timeWindow);

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public long FailureRateCountWindow() => Run(_countWindow);

    private long Run(Connection connection)
    {
        long total = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            long admitted = 0;
            for (var i = 0; i < CallsPerThread; i++)
            {
                if (connection.TryAcquire(out var permit))
                {
                    permit.Complete(Outcome.Success);
                    admitted++;
                }
            }

            Interlocked.Add(ref total, admitted);
        });
        return total;
    }
}
