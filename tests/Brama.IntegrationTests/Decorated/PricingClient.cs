namespace Brama.IntegrationTests.Decorated;

/// <summary>Declares options that a connection registered beforehand (as configuration does) overrides.</summary>
public sealed partial class PricingClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    [CircuitBreaker("pricing_api", MaxAttempts = 2, ExpiryMilliseconds = 1_000)]
    public partial decimal GetPrice(string item);

    [CircuitBreaker("pricing_api", MaxAttempts = 2, ExpiryMilliseconds = 1_000)]
    public partial decimal GetDiscount(string item);

    private decimal GetPriceCore(string item) => 10m;

    private decimal GetDiscountCore(string item) => 1m;
}
