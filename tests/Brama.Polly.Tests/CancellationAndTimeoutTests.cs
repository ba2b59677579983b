using Brama.Testing;
using Polly;
using Polly.Timeout;

namespace Brama.Polly.Tests;

/// <summary>The caller's cancellation never counts; a timeout strategy inside the breaker is a failure.</summary>
public sealed class CancellationAndTimeoutTests : IDisposable
{
    private readonly BramaTestHarness _brama = new();

    public void Dispose() => _brama.Dispose();

    [Fact]
    public async Task The_callers_cancellation_is_ignored()
    {
        var pipeline = BuildBreakerOnly(maxAttempts: 1);
        using var caller = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(async token =>
        {
            await Task.Yield();
            await caller.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, caller.Token).AsTask());

        var status = _brama.Registry.ShouldBeClosed("api");
        Assert.Equal(0, status.FailureCount);
        Assert.Null(status.LastFailureAt);
    }

    [Fact]
    public async Task The_callers_cancellation_is_ignored_without_asking_the_exception_classifier()
    {
        var asked = new List<Exception>();
        var pipeline = new ResiliencePipelineBuilder()
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions
            {
                ConnectionOptions = new ConnectionOptions { MaxAttempts = 1 },
                ClassifyException = e => { asked.Add(e); return Outcome.Failure(e); },
            })
            .Build();
        using var caller = new CancellationTokenSource();

        // Cancelled during the call: Polly returns a token cancelled beforehand without running any strategy.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(async token =>
        {
            await caller.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, caller.Token).AsTask());

        Assert.Empty(asked);
        _brama.Registry.ShouldBeClosed("api");
    }

    [Fact]
    public async Task Any_failure_while_the_caller_cancelled_is_ignored_and_frees_the_probe_slot()
    {
        var pipeline = BuildBreakerOnly(maxAttempts: 1);
        _brama.Register("api", options: new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(10) });
        _brama.Registry.Trip("api");
        _brama.Advance(TimeSpan.FromSeconds(10));
        using var caller = new CancellationTokenSource();

        // A library that turns the caller's cancellation into its own exception, as some HTTP clients do.
        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ExecuteAsync(async _ =>
        {
            await caller.CancelAsync();
            throw new HttpRequestException("request aborted");
        }, caller.Token).AsTask());

        var status = _brama.Registry.ShouldBeHalfOpen("api");
        Assert.Equal(0, status.ProbesInFlight);
    }

    [Fact]
    public void A_cancellation_that_is_not_the_callers_is_a_failure()
    {
        var pipeline = BuildBreakerOnly(maxAttempts: 1);

        Assert.Throws<OperationCanceledException>(() => pipeline.Execute(static () => throw new OperationCanceledException("inner timeout")));

        Assert.Equal("OperationCanceledException: inner timeout", _brama.Registry.ShouldBeOpen("api").LastReason);
    }

    [Fact]
    public void A_timeout_strategy_inside_the_breaker_counts_as_a_failure()
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _brama.Time }
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: Options(maxAttempts: 1))
            .AddTimeout(TimeSpan.FromSeconds(1))
            .Build();

        Assert.Throws<TimeoutRejectedException>(() => pipeline.Execute(token =>
        {
            _brama.Advance(TimeSpan.FromSeconds(2));
            token.ThrowIfCancellationRequested();
        }, TestContext.Current.CancellationToken));

        var status = _brama.Registry.ShouldBeOpen("api");
        Assert.StartsWith("TimeoutRejectedException: ", status.LastReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeout_strategy_outside_the_breaker_cancels_the_token_the_breaker_sees_and_is_ignored()
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _brama.Time }
            .AddTimeout(TimeSpan.FromSeconds(1))
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: Options(maxAttempts: 1))
            .Build();

        Assert.Throws<TimeoutRejectedException>(() => pipeline.Execute(token =>
        {
            _brama.Advance(TimeSpan.FromSeconds(2));
            token.ThrowIfCancellationRequested();
        }, TestContext.Current.CancellationToken));

        _brama.Registry.ShouldBeClosed("api");
    }

    private ResiliencePipeline BuildBreakerOnly(int maxAttempts) => new ResiliencePipelineBuilder()
        .AddBramaCircuitBreaker(_brama.Registry, "api", options: Options(maxAttempts))
        .Build();

    private static BramaCircuitBreakerOptions Options(int maxAttempts) =>
        new() { ConnectionOptions = new ConnectionOptions { MaxAttempts = maxAttempts } };
}
