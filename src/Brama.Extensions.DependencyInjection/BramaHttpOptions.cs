namespace Brama.Extensions.DependencyInjection;

/// <summary>Options of the HttpClient circuit-breaker handler added by <c>AddBramaCircuitBreaker</c>.</summary>
public sealed class BramaHttpOptions
{
    private TimeSpan? _timeout;

    /// <summary>Options used when the handler registers the connection itself; a registered connection keeps its own.</summary>
    public ConnectionOptions? ConnectionOptions { get; set; }

    /// <summary>
    /// One circuit per authority of the request (scheme, host and port, e.g. <c>https://api.example.com:443</c>, as the
    /// scope): a dead host opens its own circuit only. Bounded like every scope chosen by calls
    /// (<see cref="BramaOptions.MaxDynamicScopes"/>, <see cref="BramaOptions.DynamicScopeIdleTimeout"/>). Not together
    /// with a scope given to <c>AddBramaCircuitBreaker</c>. Default false: one circuit for every request.
    /// </summary>
    public bool ScopeByAuthority { get; set; }

    /// <summary>
    /// A timeout per request, timed by the registry's <see cref="TimeProvider"/>, that counts as a failure and throws
    /// <see cref="TimeoutException"/>. <c>HttpClient.Timeout</c> cancels the handler's token exactly as the caller's
    /// cancellation does, so it cannot be told apart and counts as neither; use this timeout instead.
    /// </summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set => _timeout = value is not { } time || (time > TimeSpan.Zero && time <= Brama.ConnectionOptions.MaxTime)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be greater than zero and at most 365 days.");
    }

    /// <summary>
    /// Classifies a response. The default counts 5xx, 408 Request Timeout and 429 Too Many Requests as failures and
    /// every other response as success.
    /// </summary>
    public Func<HttpResponseMessage, Outcome> ClassifyResponse { get; set; } = DefaultClassifyResponse;

    /// <summary>The default response classification.</summary>
    public static Outcome DefaultClassifyResponse(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var code = (int)response.StatusCode;
        return code >= 500 || code == 408 || code == 429
            ? Outcome.Failure($"HTTP {code} {response.StatusCode}")
            : Outcome.Success;
    }
}
