using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Concurrency;

/// <summary>
/// N threads recording M outcomes each on one rate-rule connection leave exactly N × M calls in its window, and
/// exactly the failures and slow calls they made: the lock-free successes, the failures under the lock and the slow
/// calls never lose or double an outcome.
/// </summary>
public sealed class RateWindowStressTests
{
    private static readonly int CallsPerThread = TestScale.Of(full: 100_000, quick: 10_000);

    [Theory]
    [InlineData(2, false, false)]
    [InlineData(4, false, false)]
    [InlineData(8, false, true)]
    [InlineData(4, true, false)]
    [InlineData(8, true, true)]
    public async Task Every_outcome_is_counted_exactly_once(int threads, bool countWindow, bool slowRule)
    {
        var time = new FakeTimeProvider(Engine.Start);
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, time);
        var connection = registry.Register("api", null, new ConnectionOptions
        {
            MaxAttempts = int.MaxValue,
            FailureRatio = 1.0,
            MinimumThroughput = int.MaxValue,
            SamplingCalls = countWindow ? ConnectionOptions.MaxSamplingCalls : null,
            SlowCallDuration = slowRule ? TimeSpan.FromTicks(1) : null,
            SlowCallRatio = 1.0,
        });
        using var start = new Barrier(threads);

        var callers = Enumerable.Range(0, threads).Select(thread => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var i = 0; i < CallsPerThread; i++)
                {
                    Assert.True(connection.TryAcquire(out var permit));
                    permit.Complete(i % 10 == 0 ? Outcome.Failure("every tenth") : Outcome.Success);
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);

        var status = connection.GetStatus();
        var calls = threads * CallsPerThread;
        Assert.Equal(calls, status.SampledCalls);
        Assert.Equal(threads * ((CallsPerThread + 9) / 10), status.SampledFailures);
        Assert.Equal(0, status.SampledSlowCalls); // no time passes on the fake clock: no call is slow
        Assert.Equal(CircuitState.Closed, status.State);
    }

    [Fact]
    public async Task Slow_calls_recorded_from_many_threads_are_counted_exactly()
    {
        var time = new FakeTimeProvider(Engine.Start);
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, time);
        var connection = registry.Register("api", null, new ConnectionOptions
        {
            MaxAttempts = int.MaxValue,
            MinimumThroughput = int.MaxValue,
            SlowCallDuration = TimeSpan.FromSeconds(1),
            SamplingDuration = TimeSpan.FromHours(1),
        });
        const int Threads = 4;
        var perThread = CallsPerThread / 10;

        var callers = Enumerable.Range(0, Threads).Select(_ => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    connection.ReportSuccess(TimeSpan.FromSeconds(i % 2 == 0 ? 2 : 0));
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(callers);

        var status = connection.GetStatus();
        Assert.Equal(Threads * perThread, status.SampledCalls);
        Assert.Equal(Threads * ((perThread + 1) / 2), status.SampledSlowCalls);
    }
}
