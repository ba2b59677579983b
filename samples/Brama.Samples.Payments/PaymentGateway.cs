namespace Brama.Samples.Payments;

/// <summary>The outcome of one charge as the gateway reports it.</summary>
public enum PaymentStatus
{
    Approved,
    Declined,
    GatewayError,
}

public sealed record PaymentResult(PaymentStatus Status, string Detail);

/// <summary>
/// A stand-in for a remote payment gateway that goes down for a while: healthy, then failing every call between
/// <see cref="OutageStart"/> and <see cref="OutageEnd"/> (simulated time), then healthy again.
/// </summary>
public sealed class PaymentGateway(TimeProvider clock, DateTimeOffset start)
{
    public TimeSpan OutageStart { get; } = TimeSpan.FromSeconds(4);

    public TimeSpan OutageEnd { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Charge requests that reached the gateway (a rejected call never does).</summary>
    public int ChargeRequests { get; private set; }

    /// <summary>Balance requests that reached the balance service.</summary>
    public int BalanceRequests { get; private set; }

    public bool IsDown => clock.GetUtcNow() - start is var t && t >= OutageStart && t < OutageEnd;

    public Task<PaymentResult> ChargeAsync(string order, decimal amount)
    {
        ChargeRequests++;
        if (IsDown)
        {
            return Task.FromResult(new PaymentResult(PaymentStatus.GatewayError, "503 from the gateway"));
        }

        // A declined card is a business answer from a healthy gateway, not a failure of the dependency.
        return Task.FromResult(amount > 500m
            ? new PaymentResult(PaymentStatus.Declined, "card limit exceeded")
            : new PaymentResult(PaymentStatus.Approved, $"{order} charged {amount:0.00}"));
    }

    public decimal GetBalance(string account)
    {
        BalanceRequests++;
        return IsDown ? throw new HttpRequestException("balance service unavailable") : 1_250m;
    }
}
