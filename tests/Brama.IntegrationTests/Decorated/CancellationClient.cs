namespace Brama.IntegrationTests.Decorated;

/// <summary>
/// Like RestSharp's <c>RestResponse</c>: <c>IsSuccessful</c> (status, transport and body all fine) beside
/// <c>IsSuccessStatusCode</c>, and a library that returns a failed response when the caller cancels.
/// </summary>
public sealed record RestLikeResponse(bool IsSuccessStatusCode, bool IsSuccessful, string? ErrorMessage);

/// <summary>Counts failures as failures, whatever else happens.</summary>
public sealed class StrictErrors : IErrorHandler<RestLikeResponse>
{
    public static int Calls;

    public Outcome Classify(RestLikeResponse result)
    {
        Interlocked.Increment(ref Calls);
        return result.IsSuccessful ? Outcome.Success : Outcome.Failure("strict: " + result.ErrorMessage);
    }

    public Outcome Classify(Exception exception)
    {
        Interlocked.Increment(ref Calls);
        return Outcome.Failure("strict: " + exception.Message);
    }
}

public sealed partial class CancellationClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    public Func<CancellationToken, Task<RestLikeResponse>> Behaviour { get; set; } = static _ => Task.FromResult(new RestLikeResponse(true, true, null));

    [CircuitBreaker("rest_default")]
    public partial Task<RestLikeResponse> ExecuteAsync(string resource, CancellationToken cancellationToken);

    [CircuitBreaker("rest_handled", ErrorHandler = typeof(StrictErrors))]
    public partial Task<RestLikeResponse> ExecuteHandledAsync(string resource, CancellationToken cancellationToken);

    [CircuitBreaker("rest_sync")]
    public partial RestLikeResponse Execute(string resource, CancellationToken cancellationToken);

    private Task<RestLikeResponse> ExecuteAsyncCore(string resource, CancellationToken cancellationToken) => Behaviour(cancellationToken);

    private Task<RestLikeResponse> ExecuteHandledAsyncCore(string resource, CancellationToken cancellationToken) => Behaviour(cancellationToken);

    private RestLikeResponse ExecuteCore(string resource, CancellationToken cancellationToken) => Behaviour(cancellationToken).GetAwaiter().GetResult();
}
