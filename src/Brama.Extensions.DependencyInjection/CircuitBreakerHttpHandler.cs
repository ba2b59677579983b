namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// A delegating handler that guards every request with one connection: rejected with
/// <see cref="CircuitOpenException"/> while the circuit is open, classified after it ran.
/// </summary>
internal sealed class CircuitBreakerHttpHandler(ConnectionRegistry registry, string identifier, string? scope, BramaHttpOptions options)
    : DelegatingHandler
{
    private Connection? _connection;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var connection = options.ScopeByAuthority ? ResolveByAuthority(request) : Resolve();
        if (!connection.TryAcquire(out var permit))
        {
            throw new CircuitOpenException(connection.GetStatus());
        }

        using var timeout = options.Timeout is { } limit ? new CancellationTokenSource(limit, registry.TimeProvider) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await base.SendAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false);
            permit.Complete(Classify(response));
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            permit.Complete(Outcome.Ignore);
            throw;
        }
        catch (OperationCanceledException e) when (timeout?.IsCancellationRequested == true)
        {
            var reason = $"Timed out after {options.Timeout}";
            permit.Complete(Outcome.Failure(reason));
            throw new TimeoutException($"{request.Method} {request.RequestUri} through circuit '{identifier}': {reason}.", e);
        }
        catch (Exception e)
        {
            permit.Complete(ClassifyException(e));
            throw;
        }
    }

    // Transport failures count; anything else (a bad request object, a handler bug) says nothing about the dependency.
    private static Outcome ClassifyException(Exception exception) => exception switch
    {
        HttpRequestException or TimeoutException or OperationCanceledException => Outcome.Failure(exception),
        _ => Outcome.Ignore,
    };

    private Outcome Classify(HttpResponseMessage response)
    {
        try
        {
            return options.ClassifyResponse(response);
        }
        catch (Exception e)
        {
            return Outcome.Failure(e);
        }
    }

    private Connection ResolveByAuthority(HttpRequestMessage request)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException($"The circuit breaker of '{identifier}' chooses its circuit by the request's authority and needs an absolute request URI; set HttpClient.BaseAddress or use absolute URIs.");

        // Scheme, host and port, the port written even when it is the scheme's default: https://host and https://host:443 share one circuit.
        var authority = uri.GetComponents(UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.UriEscaped);
        return registry.GetOrRegisterDynamicScope(identifier, authority, options.ConnectionOptions);
    }

    private Connection Resolve()
    {
        var connection = _connection;
        if (connection is null || !connection.IsRegistered)
        {
            connection = registry.GetOrRegister(identifier, scope, options.ConnectionOptions);
            _connection = connection;
        }

        return connection;
    }
}
