using System.Collections.Concurrent;
using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Concurrency;

/// <summary>
/// Several threads hammer acquire/complete on a connection that flaps between half-open and open; the probe limit is
/// never exceeded, and no count ever goes negative or leaks.
/// </summary>
public class ProbeLimitStressTests
{
    private const int Threads = 6;
    private static readonly int TargetProbes = TestScale.Of(full: 3_000, quick: 200);
    private const int MaxProbes = 3;
    private const int MaxAttempts = 2;

    private static readonly ConnectionOptions Flapping = new()
    {
        MaxAttempts = MaxAttempts,
        Expiry = TimeSpan.FromSeconds(1),
        HalfOpenMaxCalls = MaxProbes,
        SuccessesToClose = 2,
        ProbeTimeout = TimeSpan.FromHours(1),
        InactivityTimeout = null,
    };

    [Fact]
    public void Probes_in_flight_never_exceed_HalfOpenMaxCalls()
    {
        var time = new FakeTimeProvider();
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, time);
        var connection = registry.Register("flapping", null, Flapping);
        using var clock = new ReaderWriterLockSlim();
        using var run = new Run();

        // Time only moves while no caller holds a permit, so a new half-open episode never starts while a probe of an
        // earlier one is still counted here; within an episode the counter is then exactly the probes the test holds
        // (it is decremented before Complete, so it can only undercount the engine's own number).
        run.Start(seed =>
        {
            var random = new Random(seed);
            for (var i = 0; !run.Done; i++)
            {
                clock.EnterReadLock();
                try
                {
                    if (!connection.TryAcquire(out var permit))
                    {
                        Interlocked.Increment(ref run.Rejections);
                        Thread.Yield();
                        continue;
                    }

                    if (permit.IsProbe)
                    {
                        run.ProbeGranted();
                        var inFlight = Interlocked.Increment(ref run.ProbesInFlight);
                        run.Observe(inFlight);

                        // Hold the probe a while, so that the other callers pile up against the limit.
                        for (var hold = random.Next(1, 20); hold > 0; hold--)
                        {
                            Thread.Yield();
                        }

                        Interlocked.Decrement(ref run.ProbesInFlight);
                    }

                    permit.Complete(RandomOutcome(random));
                    if (i % 64 == 0)
                    {
                        run.Check(connection.GetStatus());
                    }
                }
                finally
                {
                    clock.ExitReadLock();
                }
            }
        });

        var advancer = new Random(99);
        run.WhileRunning(() =>
        {
            clock.EnterWriteLock();
            try
            {
                time.SetUtcNow(time.GetUtcNow().AddMilliseconds(advancer.Next(1500)));
            }
            finally
            {
                clock.ExitWriteLock();
            }
        });

        Assert.Empty(run.Violations);
        Assert.True(run.ReachedTarget, $"Only {run.ProbesGranted} probes were granted.");
        Assert.InRange(run.MaxProbesSeen, 1, MaxProbes);
        Assert.True(run.Rejections > 0, "The test never saw a rejection.");
        Assert.Equal(0, run.ProbesInFlight);
        Assert.Equal(0, connection.GetStatus().ProbesInFlight);
    }

    [Fact]
    public void Counts_stay_in_range_while_time_and_sweeps_move_under_the_callers()
    {
        var time = new FakeTimeProvider();
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(1) }, time);
        var connection = registry.Register("racing", null, Flapping with { ProbeTimeout = TimeSpan.FromMilliseconds(700) });
        using var run = new Run();

        run.Start(seed =>
        {
            var random = new Random(seed);
            for (var i = 0; !run.Done; i++)
            {
                if (connection.TryAcquire(out var permit))
                {
                    if (permit.IsProbe)
                    {
                        run.ProbeGranted();
                    }

                    permit.Complete(RandomOutcome(random));
                }
                else
                {
                    Thread.Yield();
                }

                if (i % 16 == 0)
                {
                    run.Check(connection.GetStatus());
                }
            }
        });

        run.WhileRunning(() =>
        {
            time.SetUtcNow(time.GetUtcNow().AddMilliseconds(300));
            registry.RunCleanup();
        });

        Assert.Empty(run.Violations);
        Assert.True(run.ReachedTarget, $"Only {run.ProbesGranted} probes were granted.");
        var final = connection.GetStatus();
        Assert.Equal(0, final.ProbesInFlight);
        Assert.InRange(final.FailureCount, 0, MaxAttempts);
    }

    private static Outcome RandomOutcome(Random random) => random.Next(10) switch
    {
        < 5 => Outcome.Success,
        < 9 => Outcome.Failure("flap"),
        _ => Outcome.Ignore,
    };

    /// <summary>The shared counters of one stress run, its worker threads and their start barrier.</summary>
    private sealed class Run : IDisposable
    {
        public int ProbesInFlight;
        public int Rejections;
        private readonly ConcurrentQueue<string> _violations = new();
        private readonly List<Thread> _workers = [];
        private int _maxProbesSeen;
        private int _probesGranted;
        private int _running;

        // A safety net only: a broken engine that never reaches half-open fails the test instead of hanging it.
        private readonly CancellationTokenSource _giveUp =
            CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        public Run() => _giveUp.CancelAfter(TimeSpan.FromMinutes(2));

        public bool Done => Volatile.Read(ref _probesGranted) >= TargetProbes || _giveUp.IsCancellationRequested;

        public bool ReachedTarget => Volatile.Read(ref _probesGranted) >= TargetProbes;

        public int ProbesGranted => Volatile.Read(ref _probesGranted);

        public int MaxProbesSeen => Volatile.Read(ref _maxProbesSeen);

        public IReadOnlyCollection<string> Violations => _violations;

        public void Start(Action<int> work)
        {
            using var barrier = new Barrier(Threads + 1);
            _running = Threads;
            for (var seed = 0; seed < Threads; seed++)
            {
                var id = seed;
                var thread = new Thread(() =>
                {
                    barrier.SignalAndWait();
                    try
                    {
                        work(id);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _running);
                    }
                });
                _workers.Add(thread);
                thread.Start();
            }

            barrier.SignalAndWait(TestContext.Current.CancellationToken);
        }

        /// <summary>Runs <paramref name="step"/> on this thread until every worker has finished, then joins them.</summary>
        public void WhileRunning(Action step)
        {
            while (Volatile.Read(ref _running) > 0)
            {
                step();
                Thread.Yield();
            }

            _workers.ForEach(static t => t.Join());
        }

        public void Dispose() => _giveUp.Dispose();

        public void ProbeGranted() => Interlocked.Increment(ref _probesGranted);

        public void Observe(int inFlight)
        {
            var current = Volatile.Read(ref _maxProbesSeen);
            while (inFlight > current)
            {
                var seen = Interlocked.CompareExchange(ref _maxProbesSeen, inFlight, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }

        public void Check(ConnectionStatus status)
        {
            if (status.ProbesInFlight is < 0 or > MaxProbes ||
                status.FailureCount is < 0 or > MaxAttempts ||
                status.ConsecutiveOpenings < 0 ||
                (status.State != CircuitState.HalfOpen && status.ProbesInFlight != 0))
            {
                _violations.Enqueue(status.ToString());
            }
        }
    }
}
