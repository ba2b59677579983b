using Brama;
using Brama.Extensions.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a Brama circuit breaker to an HttpClient built by <c>IHttpClientFactory</c>.</summary>
public static class BramaHttpClientBuilderExtensions
{
    /// <summary>
    /// Guards every request of the client with the connection (<paramref name="identifier"/>, <paramref name="scope"/>)
    /// of the container's <see cref="ConnectionRegistry"/> (registering it with <c>AddBrama()</c> if needed). While the
    /// circuit is open, requests throw <see cref="CircuitOpenException"/> without being sent. Responses 5xx, 408 and
    /// 429 and transport errors (<see cref="HttpRequestException"/>, timeouts other than the caller's cancellation)
    /// are failures; the caller's cancellation is ignored. With <see cref="BramaHttpOptions.ScopeByAuthority"/>, each
    /// request's authority is its scope: one circuit per host.
    /// </summary>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddBramaCircuitBreaker(
        this IHttpClientBuilder builder, string identifier, string? scope = null, Action<BramaHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConnectionNames.Validate(identifier, scope);
        var options = new BramaHttpOptions();
        configure?.Invoke(options);
        options.ConnectionOptions?.Validate(nameof(configure));
        if (options.ClassifyResponse is null)
        {
            throw new ArgumentException("ClassifyResponse must not be null.", nameof(configure));
        }

        if (options.ScopeByAuthority && scope is not null)
        {
            throw new ArgumentException("ScopeByAuthority chooses each request's scope; it cannot be combined with a scope.", nameof(scope));
        }

        builder.Services.AddBrama();
        return builder.AddHttpMessageHandler(services =>
            new CircuitBreakerHttpHandler(services.GetRequiredService<ConnectionRegistry>(), identifier, scope, options));
    }
}
