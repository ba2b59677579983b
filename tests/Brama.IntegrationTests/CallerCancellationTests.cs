using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

/// <summary>
/// A failure while the caller's token is cancelled counts for nothing: RestSharp-like libraries catch the caller's
/// cancellation and return a failed response, which must not open the circuit for everyone.
/// </summary>
public sealed class CallerCancellationTests : IDisposable
{
    private static readonly RestLikeResponse Cancelled = new(false, false, "The operation was canceled.");
    private readonly TestRegistry _test = new();
    private readonly CancellationClient _client;

    public CallerCancellationTests()
    {
        _client = new CancellationClient(_test.Registry);
        StrictErrors.Calls = 0;
    }

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task A_failed_result_while_the_caller_cancelled_is_ignored_by_the_default_classification()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _client.Behaviour = static _ => Task.FromResult(Cancelled);

        for (var i = 0; i < 10; i++)
        {
            Assert.Same(Cancelled, await _client.ExecuteAsync("orders", cancellation.Token));
            Assert.Same(Cancelled, _client.Execute("orders", cancellation.Token));
        }

        Assert.Equal(CircuitState.Closed, _test.Status("rest_default").State);
        Assert.Equal(0, _test.Status("rest_default").FailureCount);
        Assert.Equal(0, _test.Status("rest_sync").FailureCount);
    }

    [Fact]
    public async Task The_same_failed_result_without_cancellation_counts()
    {
        _client.Behaviour = static _ => Task.FromResult(Cancelled);

        await _client.ExecuteAsync("orders", CancellationToken.None);
        _client.Execute("orders", CancellationToken.None);

        Assert.Equal(1, _test.Status("rest_default").FailureCount);
        Assert.Equal("The operation was canceled.", _test.Status("rest_default").LastReason);
        Assert.Equal(1, _test.Status("rest_sync").FailureCount);
    }

    [Fact]
    public async Task A_result_completing_after_the_caller_cancelled_is_ignored_too()
    {
        using var cancellation = new CancellationTokenSource();
        var pending = new TaskCompletionSource<RestLikeResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Behaviour = _ => pending.Task;

        var call = _client.ExecuteAsync("orders", cancellation.Token);
        await cancellation.CancelAsync();
        pending.SetResult(Cancelled);

        Assert.Same(Cancelled, await call);
        Assert.Equal(0, _test.Status("rest_default").FailureCount);
    }

    [Fact]
    public async Task A_custom_handler_is_asked_and_its_failure_becomes_ignore_while_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _client.Behaviour = static _ => Task.FromResult(Cancelled);

        await _client.ExecuteHandledAsync("orders", cancellation.Token);
        _client.Behaviour = static _ => throw new HttpRequestException("connection reset");
        await Assert.ThrowsAsync<HttpRequestException>(() => _client.ExecuteHandledAsync("orders", cancellation.Token));
        _client.Behaviour = static token => Task.FromCanceled<RestLikeResponse>(token);
        await Assert.ThrowsAsync<TaskCanceledException>(() => _client.ExecuteHandledAsync("orders", cancellation.Token));

        // The handler saw the result and the HttpRequestException, not the caller's OperationCanceledException.
        Assert.Equal(2, StrictErrors.Calls);
        Assert.Equal(0, _test.Status("rest_handled").FailureCount);

        _client.Behaviour = static _ => Task.FromResult(Cancelled);
        await _client.ExecuteHandledAsync("orders", CancellationToken.None);
        Assert.Equal(1, _test.Status("rest_handled").FailureCount);
        Assert.Equal("strict: The operation was canceled.", _test.Status("rest_handled").LastReason);
    }

    [Fact]
    public async Task IsSuccessful_is_consulted_before_IsSuccessStatusCode()
    {
        // A 200 whose body failed to deserialize: the status code says success, IsSuccessful says failure.
        _client.Behaviour = static _ => Task.FromResult(new RestLikeResponse(true, false, "bad JSON"));

        await _client.ExecuteAsync("orders", CancellationToken.None);

        Assert.Equal(1, _test.Status("rest_default").FailureCount);
        Assert.Equal("bad JSON", _test.Status("rest_default").LastReason);
    }
}
