namespace Brama.Samples.Payments;

/// <summary>Gateway errors count against the circuit; approvals and declines are healthy answers.</summary>
public sealed class PaymentErrors : IErrorHandler<PaymentResult>
{
    public Outcome Classify(PaymentResult result) =>
        result.Status == PaymentStatus.GatewayError ? Outcome.Failure(result.Detail) : Outcome.Success;
}
