using System.Net;
using Brama.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Brama.Polly.Tests;

/// <summary>A classifier that counts 5xx as a failure, as a decorated method's <see cref="IErrorHandler{TResult}"/> would.</summary>
public sealed class ServerErrors : IErrorHandler<HttpResponseMessage>
{
    public Outcome Classify(HttpResponseMessage result) =>
        (int)result.StatusCode >= 500 ? Outcome.Failure($"HTTP {(int)result.StatusCode}") : Outcome.Success;
}

/// <summary>The asynchronous path and <c>ResiliencePipelineBuilder&lt;HttpResponseMessage&gt;</c> with a result classifier.</summary>
public sealed class TypedPipelineTests : IDisposable
{
    private readonly BramaTestHarness _brama = new();
    private int _sent;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _brama.Dispose();

    [Fact]
    public async Task ExecuteAsync_counts_calls_that_complete_asynchronously()
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: new() { ConnectionOptions = new ConnectionOptions { MaxAttempts = 2 } })
            .Build();

        Assert.Equal(7, await pipeline.ExecuteAsync(async _ => { await Task.Yield(); return 7; }, Token));
        _brama.Registry.ShouldHaveFailureCount("api", 0);

        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ExecuteAsync(async _ =>
            {
                await Task.Yield();
                throw new HttpRequestException("reset");
            }, Token).AsTask());
        }

        _brama.Registry.ShouldBeOpen("api");
        await Assert.ThrowsAsync<BramaBrokenCircuitException>(() => pipeline.ExecuteAsync(_ => ValueTask.FromResult(++_sent), Token).AsTask());
        Assert.Equal(0, _sent);
    }

    [Fact]
    public async Task The_result_classifier_counts_5xx_responses_as_failures_and_returns_them_unchanged()
    {
        var pipeline = BuildHttp(new BramaCircuitBreakerOptions<HttpResponseMessage>
        {
            ConnectionOptions = new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30) },
            ClassifyResult = new ServerErrors().Classify,
        });

        using (var unavailable = await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.ServiceUnavailable), Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        }

        Assert.Equal("HTTP 503", _brama.Registry.ShouldHaveFailureCount("api", 1).LastReason);

        (await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.NotFound), Token)).Dispose();
        _brama.Registry.ShouldHaveFailureCount("api", 0);

        (await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.InternalServerError), Token)).Dispose();
        (await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.BadGateway), Token)).Dispose();
        _brama.Registry.ShouldBeOpen("api");

        var rejected = await Assert.ThrowsAsync<BramaBrokenCircuitException>(() => pipeline.ExecuteAsync(_ => Send(HttpStatusCode.OK), Token).AsTask());
        Assert.Equal(TimeSpan.FromSeconds(30), rejected.RetryAfter);
        Assert.Equal(4, _sent);
    }

    [Fact]
    public async Task Without_a_classifier_every_response_is_a_success()
    {
        var pipeline = BuildHttp(options: null);

        (await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.InternalServerError), Token)).Dispose();

        _brama.Registry.ShouldHaveFailureCount("api", 0);
    }

    [Fact]
    public async Task FromErrorHandler_classifies_results_and_exceptions_as_the_error_handler_does()
    {
        var pipeline = BuildHttp(BramaCircuitBreakerOptions<HttpResponseMessage>.FromErrorHandler(
            new ServerErrors(), new ConnectionOptions { MaxAttempts = 3 }));

        (await pipeline.ExecuteAsync(_ => Send(HttpStatusCode.GatewayTimeout), Token)).Dispose();
        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ExecuteAsync<HttpResponseMessage>(_ => throw new HttpRequestException("refused"), Token).AsTask());

        var status = _brama.Registry.ShouldHaveFailureCount("api", 2);
        Assert.Equal("HttpRequestException: refused", status.LastReason);
        Assert.Equal(3, status.Options.MaxAttempts);
    }

    [Fact]
    public async Task A_retry_before_the_breaker_retries_5xx_and_stops_at_the_broken_circuit()
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 5,
                Delay = TimeSpan.Zero,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
            })
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions<HttpResponseMessage>
            {
                ConnectionOptions = new ConnectionOptions { MaxAttempts = 3 },
                ClassifyResult = new ServerErrors().Classify,
            })
            .Build();

        await Assert.ThrowsAnyAsync<BrokenCircuitException>(() => pipeline.ExecuteAsync(_ => Send(HttpStatusCode.ServiceUnavailable), Token).AsTask());

        Assert.Equal(3, _sent);
        _brama.Registry.ShouldBeOpen("api");
    }

    [Fact]
    public async Task A_failed_response_while_the_caller_cancelled_is_ignored()
    {
        var pipeline = BuildHttp(new BramaCircuitBreakerOptions<HttpResponseMessage>
        {
            ConnectionOptions = new ConnectionOptions { MaxAttempts = 1 },
            ClassifyResult = new ServerErrors().Classify,
        });
        using var caller = new CancellationTokenSource();

        using var response = await pipeline.ExecuteAsync(async _ =>
        {
            await caller.CancelAsync();
            return await Send(HttpStatusCode.ServiceUnavailable);
        }, caller.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        _brama.Registry.ShouldBeClosed("api");
    }

    [Fact]
    public async Task A_result_classifier_that_throws_counts_nothing_and_its_exception_is_the_outcome()
    {
        var pipeline = BuildHttp(new BramaCircuitBreakerOptions<HttpResponseMessage>
        {
            ConnectionOptions = new ConnectionOptions { MaxAttempts = 1 },
            ClassifyResult = _ => throw new InvalidOperationException("classifier bug"),
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ExecuteAsync(_ => Send(HttpStatusCode.OK), Token).AsTask());

        Assert.Equal("classifier bug", error.Message);
        var status = _brama.Registry.ShouldBeClosed("api");
        Assert.Null(status.LastSuccessAt);
        Assert.Null(status.LastFailureAt);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildHttp(BramaCircuitBreakerOptions<HttpResponseMessage>? options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddBramaCircuitBreaker(_brama.Registry, "api", options: options).Build();

    private async ValueTask<HttpResponseMessage> Send(HttpStatusCode code)
    {
        _sent++;
        await Task.Yield();
        return new HttpResponseMessage(code);
    }
}
