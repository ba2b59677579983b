namespace Brama.IntegrationTests.Decorated;

public enum Region
{
    Eu,
    Us,
}

/// <summary>One circuit per argument value: a tenant (string), a warehouse (int), a region (enum), an optional shard.</summary>
public sealed partial class TenantClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    /// <summary>The tenants whose calls fail.</summary>
    public HashSet<string> FailingTenants { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times an implementation ran.</summary>
    public int Calls { get; private set; }

    [CircuitBreaker("payment_api", ScopeParameter = nameof(tenant), MaxAttempts = 2)]
    public partial int Charge(string tenant, int amount);

    [CircuitBreaker("warehouse_api", ScopeParameter = nameof(warehouse), MaxAttempts = 2)]
    public partial Task<int> CountAsync(int warehouse);

    [CircuitBreaker("shipping_api", ScopeParameter = nameof(region))]
    public partial string Ship(Region region);

    [CircuitBreaker("ledger_api", ScopeParameter = nameof(shard))]
    public partial int Post(long? shard);

    private int ChargeCore(string tenant, int amount)
    {
        Calls++;
        return FailingTenants.Contains(tenant) ? throw new InvalidOperationException("charge failed for " + tenant) : amount;
    }

    private Task<int> CountAsyncCore(int warehouse)
    {
        Calls++;
        return warehouse < 0 ? Task.FromException<int>(new InvalidOperationException("no such warehouse")) : Task.FromResult(warehouse);
    }

    private string ShipCore(Region region)
    {
        Calls++;
        return region.ToString();
    }

    private int PostCore(long? shard)
    {
        Calls++;
        return (int)shard!.Value;
    }
}
