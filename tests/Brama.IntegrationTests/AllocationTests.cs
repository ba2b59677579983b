using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

/// <summary>The closed success path of a generated wrapper allocates nothing, also for synchronously completed tasks.</summary>
[Collection(SignErrorsCollection.Name)] // one test classifies through SignErrors, whose counters ClassificationTests reads
public sealed class AllocationTests : IDisposable
{
    private const int Calls = 1_000;
    private readonly TestRegistry _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void A_synchronous_call_allocates_nothing()
    {
        var client = new SyncClient(_test.Registry);

        Assert.Equal(0, Measure(client, static c => c.Compute(1)));
    }

    [Fact]
    public void A_synchronously_completed_task_allocates_nothing()
    {
        var client = new AsyncClient(_test.Registry);

        Assert.Equal(0, Measure(client, static c => c.GetAsync(CancellationToken.None).GetAwaiter().GetResult()));
        Assert.Equal(0, Measure(client, static c => c.RunAsync(CancellationToken.None).GetAwaiter().GetResult()));
        Assert.Equal(0, Measure(client, static c => c.GetValueAsync(CancellationToken.None).GetAwaiter().GetResult()));
    }

    [Fact]
    public void A_result_classified_by_an_error_handler_allocates_nothing()
    {
        var client = new ClassifiedClient(_test.Registry) { Behaviour = static () => 5 };

        Assert.Equal(0, Measure(client, static c => c.Handled()));
    }

    private static long Measure<T>(T target, Action<T> call)
    {
        for (var i = 0; i < 10; i++)
        {
            call(target);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call(target);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
