namespace Brama.IntegrationTests.Decorated;

/// <summary>Asynchronous shapes: Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, completing synchronously or later.</summary>
public sealed partial class AsyncClient
{
    private static readonly Task<int> CompletedAnswer = Task.FromResult(42);

    public AsyncClient(ConnectionRegistry registry) => Registry = registry;

    public int CoreCalls { get; private set; }

    /// <summary>What every implementation returns or awaits; a completed task by default.</summary>
    public Func<CancellationToken, Task<int>> Behaviour { get; set; } = static _ => CompletedAnswer;

    private ConnectionRegistry Registry { get; }

    [CircuitBreaker("async_task_result", MaxAttempts = 2, ExpiryMilliseconds = 5_000)]
    public partial Task<int> GetAsync(CancellationToken cancellationToken);

    [CircuitBreaker("async_task", MaxAttempts = 2, ExpiryMilliseconds = 5_000)]
    public partial Task RunAsync(CancellationToken cancellationToken);

    [CircuitBreaker("async_value_task_result", MaxAttempts = 2, ExpiryMilliseconds = 5_000)]
    public partial ValueTask<int> GetValueAsync(CancellationToken cancellationToken);

    [CircuitBreaker("async_value_task", MaxAttempts = 2, ExpiryMilliseconds = 5_000)]
    public partial ValueTask RunValueAsync(CancellationToken cancellationToken);

    [CircuitBreaker("async_null_task")]
    public partial Task<int> GetNothingAsync();

    private Task<int> GetAsyncCore(CancellationToken cancellationToken)
    {
        CoreCalls++;
        return Behaviour(cancellationToken);
    }

    private Task RunAsyncCore(CancellationToken cancellationToken)
    {
        CoreCalls++;
        return Behaviour(cancellationToken);
    }

    private ValueTask<int> GetValueAsyncCore(CancellationToken cancellationToken)
    {
        CoreCalls++;
        var task = Behaviour(cancellationToken);
        return task.IsCompletedSuccessfully ? new ValueTask<int>(task.Result) : new ValueTask<int>(task);
    }

    private async ValueTask RunValueAsyncCore(CancellationToken cancellationToken)
    {
        CoreCalls++;
        await Behaviour(cancellationToken);
    }

    private Task<int> GetNothingAsyncCore() => null!;
}
