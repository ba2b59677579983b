namespace Brama.Samples.Fleet;

/// <summary>The dependency every instance of the service calls; its circuit is shared by the fleet.</summary>
public sealed partial class PaymentClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    /// <summary>Whether the gateway answers; the orchestrator decides.</summary>
    public bool GatewayUp { get; set; } = true;

    [CircuitBreaker("payment_api", FleetWide = true, MaxAttempts = 2, ExpiryMilliseconds = 3000)]
    public partial int Charge(int amount);

    private int ChargeCore(int amount) => GatewayUp ? amount : throw new HttpRequestException("503 from the gateway");
}
