using Brama;
using Brama.Extensions.DependencyInjection;
using Brama.Polly;

// In Polly's namespace, as Polly's own AddCircuitBreaker, AddRetry and AddTimeout are: the method shows up wherever a
// pipeline is built, with no using of its own.
namespace Polly;

/// <summary>Adds a Brama circuit breaker to a Polly v8 resilience pipeline.</summary>
public static class BramaResiliencePipelineBuilderExtensions
{
    /// <summary>
    /// Guards every execution of the pipeline's next strategies with the connection (<paramref name="identifier"/>,
    /// <paramref name="scope"/>) of <paramref name="registry"/>, registered on the first call unless it exists: the same
    /// circuit as decorated methods and handlers that name it. A rejected call does not run and its outcome is a
    /// <see cref="BramaBrokenCircuitException"/> (a Polly <c>BrokenCircuitException</c>). Every result is a success;
    /// exceptions are failures unless <see cref="BramaCircuitBreakerOptions.ClassifyException"/> says otherwise; the
    /// caller's cancellation is ignored.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="registry">The registry that holds the connection.</param>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The connection scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">How the connection is registered and exceptions count; the defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="registry"/> or <paramref name="identifier"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="identifier"/> or <paramref name="scope"/> is empty, white space or too long.</exception>
    public static ResiliencePipelineBuilder AddBramaCircuitBreaker(
        this ResiliencePipelineBuilder builder,
        ConnectionRegistry registry,
        string identifier,
        string? scope = null,
        BramaCircuitBreakerOptions? options = null)
    {
        var circuit = CreateCircuit(builder, registry, identifier, scope, options ?? new BramaCircuitBreakerOptions());
        return builder.AddStrategy(_ => new BramaResilienceStrategy(circuit));
    }

    /// <summary>
    /// Guards every execution of the pipeline's next strategies with the connection (<paramref name="identifier"/>,
    /// <paramref name="scope"/>), as <see cref="AddBramaCircuitBreaker(ResiliencePipelineBuilder, ConnectionRegistry, string, string?, BramaCircuitBreakerOptions?)"/>
    /// does, and classifies results with <see cref="BramaCircuitBreakerOptions{TResult}.ClassifyResult"/>.
    /// </summary>
    /// <typeparam name="TResult">The pipeline's result type.</typeparam>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="registry">The registry that holds the connection.</param>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The connection scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">How the connection is registered and results and exceptions count; the defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/>, <paramref name="registry"/> or <paramref name="identifier"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="identifier"/> or <paramref name="scope"/> is empty, white space or too long.</exception>
    public static ResiliencePipelineBuilder<TResult> AddBramaCircuitBreaker<TResult>(
        this ResiliencePipelineBuilder<TResult> builder,
        ConnectionRegistry registry,
        string identifier,
        string? scope = null,
        BramaCircuitBreakerOptions<TResult>? options = null)
    {
        options ??= new BramaCircuitBreakerOptions<TResult>();
        var circuit = CreateCircuit(builder, registry, identifier, scope, options);
        var classifyResult = options.ClassifyResult;
        return builder.AddStrategy(_ => new BramaResilienceStrategy<TResult>(circuit, classifyResult));
    }

    private static BramaCircuit CreateCircuit(
        ResiliencePipelineBuilderBase builder, ConnectionRegistry registry, string identifier, string? scope, BramaCircuitBreakerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(registry);
        ConnectionNames.Validate(identifier, scope, nameof(identifier), nameof(scope));

        // One circuit per Add call, shared by every pipeline the builder builds: its cached handle is all it keeps.
        return new BramaCircuit(registry, identifier, scope, options);
    }
}
