using Brama.IntegrationTests.Decorated;
using Microsoft.Extensions.Time.Testing;

namespace Brama.IntegrationTests;

/// <summary>Measures the process's retained memory, so no other test may allocate meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RetainedMemoryCollection
{
    public const string Name = "Retained memory";
}

/// <summary>Scope values come from outside: a million distinct ones through one method leave the registry bounded.</summary>
[Collection(RetainedMemoryCollection.Name)]
public sealed class MillionScopeValuesTests
{
    private const int Values = 1_000_000;

    [Fact]
    public void A_million_distinct_values_keep_the_registry_bounded_and_the_method_answering()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, time);
        var client = new TenantClient(registry);
        var limit = registry.Options.MaxDynamicScopes;

        var atLimit = 0L;
        for (var i = 0; i < Values; i++)
        {
            Assert.Equal(1, client.Charge("tenant-" + i, 1));
            if (i == 2 * limit)
            {
                atLimit = RetainedBytes();
            }
        }

        var after = RetainedBytes();

        Assert.Equal(limit, registry.CountDynamicScopes("payment_api"));
        Assert.Equal(limit + 1, registry.Connections.Count);
        Assert.True(registry.TryGetStatus("payment_api", ConnectionRegistry.OverflowScope, out var overflow));
        Assert.Equal(CircuitState.Closed, overflow.State);

        // Past the limit the values leave nothing behind: what was retained with 2 × limit values is what is retained
        // with a million (a growth of 100 bytes per value would be 98 MB; the slack is for the runtime's own noise).
        Assert.True(after - atLimit < 4 * 1024 * 1024, $"retained {atLimit:N0} bytes at {2 * limit:N0} values and {after:N0} at {Values:N0}");

        Assert.Equal(5, client.Charge("tenant-1", 5));
        Assert.Equal(7, client.Charge("tenant-" + (Values - 1), 7));
        Assert.Equal(Values + 2, client.Calls);
    }

    private static long RetainedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }
}
