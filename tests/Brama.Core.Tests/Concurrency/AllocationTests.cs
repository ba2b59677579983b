using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Concurrency;

/// <summary>No call path allocates: permits are structs, nothing is boxed or captured, no signal data is built unobserved.</summary>
public class AllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void The_closed_success_path_allocates_nothing()
    {
        var connection = NewConnection(out _);

        var allocated = Measure(connection, static c =>
        {
            c.TryAcquire(out var permit);
            permit.Complete(Outcome.Success);
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Rate_rule_calls_that_do_not_trip_allocate_nothing(bool countWindow, bool slowRule)
    {
        var time = new FakeTimeProvider();
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromDays(1) }, time);
        var connection = registry.Register("api", null, new ConnectionOptions
        {
            MaxAttempts = int.MaxValue,
            FailureRatio = 0.9,
            MinimumThroughput = 10,
            SamplingCalls = countWindow ? 100 : null,
            SlowCallDuration = slowRule ? TimeSpan.FromSeconds(5) : null,
        });

        var allocated = Measure(connection, static c =>
        {
            c.TryAcquire(out var permit);
            permit.Complete(Outcome.Success);
            c.TryAcquire(out var failed);
            failed.Complete(Outcome.Failure("timeout"));
        });

        Assert.Equal(0, allocated);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Counting_failures_and_resetting_them_allocates_nothing()
    {
        var connection = NewConnection(out _);

        var allocated = Measure(connection, static c =>
        {
            c.TryAcquire(out var failed);
            failed.Complete(Outcome.Failure("timeout"));
            c.TryAcquire(out var ignored);
            ignored.Complete(Outcome.Ignore);
            c.ReportSuccess();
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rejection_while_open_allocates_nothing()
    {
        var connection = NewConnection(out _);
        connection.Registry.Open("api", null, null, TimeSpan.FromDays(1));

        var allocated = Measure(connection, static c => Assert.False(c.TryAcquire(out _)));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Half_open_probes_and_rejections_allocate_nothing()
    {
        var connection = NewConnection(out var time);
        connection.Registry.Open("api", null, null, TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        var allocated = Measure(connection, static c =>
        {
            Assert.True(c.TryAcquire(out var probe));
            Assert.False(c.TryAcquire(out _));
            probe.Complete(Outcome.Ignore);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Opening_expiring_and_closing_allocate_nothing()
    {
        var connection = NewConnection(out var time);

        var allocated = Measure(connection, c =>
        {
            c.ReportFailure();
            time.SetUtcNow(time.GetUtcNow().AddSeconds(1));
            c.TryAcquire(out var probe);
            probe.Complete(Outcome.Success);
        });

        Assert.Equal(0, allocated);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    private static Connection NewConnection(out FakeTimeProvider time)
    {
        time = new FakeTimeProvider();
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromDays(1) }, time);
        return registry.Register("api", null, new ConnectionOptions
        {
            MaxAttempts = 1,
            Expiry = TimeSpan.FromSeconds(1),
            HalfOpenMaxCalls = 1,
        });
    }

    private static long Measure(Connection connection, Action<Connection> call)
    {
        for (var i = 0; i < Calls; i++)
        {
            call(connection);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call(connection);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
