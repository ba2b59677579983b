using Brama;

namespace Brama.Samples.Payments;

public partial class PaymentClient
{
    [CircuitBreaker("payment_api")]
    public partial string Charge(decimal amount);

    private string ChargeCore(decimal amount) => $"charged {amount:0.00}";
}
