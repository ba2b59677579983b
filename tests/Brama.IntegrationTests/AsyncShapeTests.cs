using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

public sealed class AsyncShapeTests : IDisposable
{
    private readonly TestRegistry _test = new();
    private readonly AsyncClient _client;

    public AsyncShapeTests() => _client = new AsyncClient(_test.Registry);

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task A_synchronously_completed_task_is_returned_as_it_is()
    {
        var task = _client.GetAsync(TestContext.Current.CancellationToken);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Same(task, _client.GetAsync(TestContext.Current.CancellationToken));
        Assert.Equal(42, await task);
        Assert.Equal(CircuitState.Closed, _test.Status("async_task_result").State);
    }

    [Fact]
    public async Task A_pending_task_completes_the_permit_when_it_finishes()
    {
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Behaviour = _ => pending.Task;
        Open("async_task_result");
        _test.Time.Advance(TimeSpan.FromSeconds(5));

        var probe = _client.GetAsync(TestContext.Current.CancellationToken);
        Assert.False(probe.IsCompleted);
        Assert.Equal(1, _test.Status("async_task_result").ProbesInFlight);
        await Assert.ThrowsAsync<CircuitOpenException>(() => _client.GetAsync(TestContext.Current.CancellationToken));

        pending.SetResult(7);

        Assert.Equal(7, await probe);
        Assert.Equal(CircuitState.Closed, _test.Status("async_task_result").State);
    }

    [Fact]
    public async Task A_faulted_task_is_counted_and_its_exception_reaches_the_caller_with_its_stack()
    {
        _client.Behaviour = static async _ =>
        {
            await Task.Yield();
            return ThrowTimeout();
        };

        var first = await Assert.ThrowsAsync<TimeoutException>(() => _client.GetAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<TimeoutException>(() => _client.GetAsync(TestContext.Current.CancellationToken));

        Assert.Contains(nameof(ThrowTimeout), first.StackTrace, StringComparison.Ordinal);
        var status = _test.Status("async_task_result");
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal("TimeoutException: slow", status.LastReason);
    }

    [Fact]
    public async Task A_rejected_call_returns_a_faulted_task_without_running_the_implementation()
    {
        Open("async_task_result");
        Open("async_task");
        Open("async_value_task_result");
        Open("async_value_task");
        var token = TestContext.Current.CancellationToken;

        var rejected = _client.GetAsync(token);
        Assert.True(rejected.IsFaulted);
        var exception = await Assert.ThrowsAsync<CircuitOpenException>(() => rejected);
        Assert.Equal(TimeSpan.FromSeconds(5), exception.RetryAfter);
        await Assert.ThrowsAsync<CircuitOpenException>(() => _client.RunAsync(token));
        await Assert.ThrowsAsync<CircuitOpenException>(async () => await _client.GetValueAsync(token));
        await Assert.ThrowsAsync<CircuitOpenException>(async () => await _client.RunValueAsync(token));

        Assert.Equal(0, _client.CoreCalls);
    }

    [Fact]
    public async Task Task_value_task_and_value_task_of_t_count_successes_and_failures()
    {
        var token = TestContext.Current.CancellationToken;
        await _client.RunAsync(token);
        Assert.Equal(42, await _client.GetValueAsync(token));
        await _client.RunValueAsync(token);

        _client.Behaviour = static _ => Task.FromException<int>(new InvalidOperationException("down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _client.RunAsync(token));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _client.GetValueAsync(token));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _client.RunValueAsync(token));

        Assert.Equal(1, _test.Status("async_task").FailureCount);
        Assert.Equal(1, _test.Status("async_value_task_result").FailureCount);
        Assert.Equal(1, _test.Status("async_value_task").FailureCount);
        Assert.Equal("InvalidOperationException: down", _test.Status("async_value_task").LastReason);
    }

    [Fact]
    public async Task A_pending_value_task_completes_the_permit_when_it_finishes()
    {
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Behaviour = _ => pending.Task;

        var call = _client.GetValueAsync(TestContext.Current.CancellationToken);
        Assert.False(call.IsCompleted);
        pending.SetException(new InvalidOperationException("late failure"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await call);
        Assert.Equal(1, _test.Status("async_value_task_result").FailureCount);
    }

    [Fact]
    public async Task Cancellation_by_the_callers_token_is_ignored()
    {
        using var cancellation = new CancellationTokenSource();
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Behaviour = token => pending.Task.WaitAsync(token);

        var call = _client.GetAsync(cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(call.IsCanceled);
        var status = _test.Status("async_task_result");
        Assert.Equal(0, status.FailureCount);
        Assert.Null(status.LastFailureAt);
    }

    [Fact]
    public async Task Cancellation_the_caller_did_not_ask_for_is_a_failure()
    {
        _client.Behaviour = static _ => Task.FromCanceled<int>(new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync(CancellationToken.None));

        var status = _test.Status("async_task_result");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("TaskCanceledException: A task was canceled.", status.LastReason);
    }

    [Fact]
    public async Task A_cancelled_probe_releases_its_slot()
    {
        Open("async_task");
        _test.Time.Advance(TimeSpan.FromSeconds(5));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _client.Behaviour = static token => Task.FromCanceled<int>(token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.RunAsync(cancellation.Token));

        var status = _test.Status("async_task");
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
        _client.Behaviour = static _ => Task.FromResult(1);
        await _client.RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(CircuitState.Closed, _test.Status("async_task").State);
    }

    [Fact]
    public void A_null_task_from_the_implementation_fails_the_call_and_completes_the_permit()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => { _ = _client.GetNothingAsync(); });

        Assert.Equal("GetNothingAsyncCore returned null instead of a task.", exception.Message);
        Assert.Equal(1, _test.Status("async_null_task").FailureCount);
    }

    private static int ThrowTimeout() => throw new TimeoutException("slow");

    private void Open(string identifier)
    {
        _test.Registry.GetOrRegister(identifier, null, new ConnectionOptions { Expiry = TimeSpan.FromSeconds(5) });
        Assert.True(_test.Registry.Open(identifier));
    }
}
