using BenchmarkDotNet.Attributes;

namespace Brama.Benchmarks;

/// <summary>
/// P4: successful calls from several threads at once, all on one closed connection or each on its own. Each thread
/// makes <see cref="CallsPerThread"/> calls; the mean is per call of one thread, so equal means at 1 and 2 threads
/// are twice the throughput.
/// </summary>
[MemoryDiagnoser]
public class ContentionBenchmarks
{
    public const int CallsPerThread = 1_000_000;

    private ConnectionRegistry _registry = null!;
    private Connection _shared = null!;
    private Connection[] _separate = null!;

    [Params(1, 2, 4)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ConnectionRegistry();
        _shared = _registry.Register("bench_shared");
        _separate = new Connection[Threads];
        for (var i = 0; i < Threads; i++)
        {
            _separate[i] = _registry.Register("bench_separate_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    /// <summary>What the machine itself gives: the same loop with no breaker, nothing shared between threads.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public long NoBreaker()
    {
        long total = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            long sum = 0;
            for (var i = 0; i < CallsPerThread; i++)
            {
                sum += Decorated.Work.One();
            }

            Interlocked.Add(ref total, sum);
        });
        return total;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerThread)]
    public long OneConnection() => Run(static (self, _) => self._shared);

    [Benchmark(OperationsPerInvoke = CallsPerThread)]
    public long ConnectionPerThread() => Run(static (self, thread) => self._separate[thread]);

    private long Run(Func<ContentionBenchmarks, int, Connection> pick)
    {
        long total = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            var connection = pick(this, thread);
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
