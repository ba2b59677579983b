namespace Brama.Benchmarks.Decorated;

/// <summary>Decorated methods whose circuit is chosen by an argument (ScopeParameter): a string key and an int key.</summary>
internal static partial class ScopedClient
{
    [CircuitBreaker("bench_tenant", ScopeParameter = nameof(tenant))]
    public static partial int ByTenant(string tenant);

    [CircuitBreaker("bench_shard", ScopeParameter = nameof(shard))]
    public static partial int ByShard(int shard);

    private static int ByTenantCore(string tenant) => Work.One();

    private static int ByShardCore(int shard) => Work.One();
}
