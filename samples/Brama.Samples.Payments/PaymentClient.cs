namespace Brama.Samples.Payments;

/// <summary>
/// The application's view of the gateway. Brama's generator writes the bodies of the two partial methods; the
/// connection lives in <see cref="_registry"/>, this type's one <see cref="ConnectionRegistry"/> member.
/// </summary>
public sealed partial class PaymentClient(ConnectionRegistry registry, PaymentGateway gateway)
{
    private readonly ConnectionRegistry _registry = registry;
    private decimal _lastKnownBalance = 1_000m;

    /// <summary>Balances answered by the fallback while <c>balance_api</c> was open.</summary>
    public int CachedBalances { get; private set; }

    /// <summary>
    /// Three gateway errors in a row open the circuit for 2 s; each failed probe doubles the break (4 s, 8 s), up to
    /// 8 s.
    /// </summary>
    [CircuitBreaker("payment_api", ErrorHandler = typeof(PaymentErrors), MaxAttempts = 3, ExpiryMilliseconds = 2_000,
        ExpiryStrategy = ExpiryStrategy.Progressive, MaxExpiryMilliseconds = 8_000)]
    public partial Task<PaymentResult> ChargeAsync(string order, decimal amount);

    /// <summary>While the balance service's circuit is open, the last balance read is answered instead.</summary>
    [CircuitBreaker("balance_api", Fallback = nameof(GetCachedBalance), MaxAttempts = 2, ExpiryMilliseconds = 5_000)]
    public partial decimal GetBalance(string account);

    private Task<PaymentResult> ChargeAsyncCore(string order, decimal amount) => gateway.ChargeAsync(order, amount);

    private decimal GetBalanceCore(string account) => _lastKnownBalance = gateway.GetBalance(account);

    private decimal GetCachedBalance(string account, ConnectionStatus status)
    {
        CachedBalances++;
        return _lastKnownBalance;
    }
}
