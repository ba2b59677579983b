using Brama.Testing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.Retry;
using PollyOutcome = Polly.Outcome;

namespace Brama.Polly.Tests;

/// <summary>
/// A retry placed before the breaker sees the Brama breaker's rejections as it sees those of Polly's own breaker: each
/// scenario runs once with Polly's breaker and once with Brama's, configured to open after two failures and break 5 s.
/// </summary>
public sealed class RetryPredicateTests : IDisposable
{
    private const string PollyBreaker = "Polly";
    private const string BramaBreaker = "Brama";
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly BramaTestHarness _brama = new();
    private int _calls;
    private int _retries;

    public void Dispose() => _brama.Dispose();

    [Theory]
    [InlineData(PollyBreaker)]
    [InlineData(BramaBreaker)]
    public void A_retry_that_handles_only_the_dependency_exception_does_not_retry_a_broken_circuit(string breaker)
    {
        var pipeline = Build(breaker, new RetryStrategyOptions
        {
            MaxRetryAttempts = 5,
            Delay = TimeSpan.Zero,
            ShouldHandle = new PredicateBuilder().Handle<InvalidOperationException>(),
            OnRetry = _ => { _retries++; return default; },
        });

        var rejected = Assert.ThrowsAny<BrokenCircuitException>(() => pipeline.Execute(AlwaysFail));

        Assert.Equal(2, _calls);
        Assert.Equal(2, _retries);
        Assert.Equal(BreakDuration, rejected.RetryAfter);
    }

    [Theory]
    [InlineData(PollyBreaker)]
    [InlineData(BramaBreaker)]
    public void A_retry_that_handles_BrokenCircuitException_retries_it_and_can_reach_the_recovered_dependency(string breaker)
    {
        var pipeline = Build(breaker, new RetryStrategyOptions
        {
            MaxRetryAttempts = 5,
            Delay = TimeSpan.Zero,
            ShouldHandle = new PredicateBuilder().Handle<InvalidOperationException>().Handle<BrokenCircuitException>(),
            OnRetry = args =>
            {
                _retries++;
                if (args.Outcome.Exception is BrokenCircuitException)
                {
                    _brama.Advance(BreakDuration);
                }

                return default;
            },
        });

        var result = pipeline.Execute(() => ++_calls <= 2 ? throw new InvalidOperationException("down") : _calls);

        Assert.Equal(3, result);
        Assert.Equal(3, _calls);
        Assert.Equal(3, _retries);
    }

    [Theory]
    [InlineData(PollyBreaker)]
    [InlineData(BramaBreaker)]
    public void Polly_s_default_retry_predicate_retries_a_broken_circuit_without_calling_the_dependency(string breaker)
    {
        var pipeline = Build(breaker, new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            Delay = TimeSpan.Zero,
            OnRetry = _ => { _retries++; return default; },
        });

        Assert.ThrowsAny<BrokenCircuitException>(() => pipeline.Execute(AlwaysFail));

        Assert.Equal(2, _calls);
        Assert.Equal(4, _retries);
    }

    [Fact]
    public void With_Brama_a_retry_predicate_can_read_the_state_of_the_rejecting_circuit()
    {
        BramaBrokenCircuitException? seen = null;
        var pipeline = Build(BramaBreaker, new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.Zero,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is InvalidOperationException or BramaBrokenCircuitException { Status.State: CircuitState.HalfOpen }),
            OnRetry = args => { seen = args.Outcome.Exception as BramaBrokenCircuitException ?? seen; return default; },
        });

        var rejected = Assert.Throws<BramaBrokenCircuitException>(() => pipeline.Execute(AlwaysFail));

        // Open, not half-open: the predicate declined, so the rejection reached the caller unretried.
        Assert.Null(seen);
        Assert.Equal(CircuitState.Open, rejected.Status.State);
        Assert.Equal(2, _calls);
        _brama.Registry.ShouldBeOpen("api");
    }

    [Fact]
    public void A_fallback_before_the_breaker_answers_a_broken_circuit()
    {
        _brama.Register("api");
        _brama.Registry.Open("api", reason: "maintenance");
        var pipeline = new ResiliencePipelineBuilder<int>()
            .AddFallback(new FallbackStrategyOptions<int>
            {
                ShouldHandle = new PredicateBuilder<int>().Handle<BrokenCircuitException>(),
                FallbackAction = _ => PollyOutcome.FromResultAsValueTask(-1),
            })
            .AddBramaCircuitBreaker(_brama.Registry, "api")
            .Build();

        Assert.Equal(-1, pipeline.Execute(() => ++_calls));
        Assert.Equal(0, _calls);
    }

    private ResiliencePipeline Build(string breaker, RetryStrategyOptions retry)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = _brama.Time }.AddRetry(retry);
        return (breaker == PollyBreaker
                ? builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = 1.0,
                    MinimumThroughput = 2,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = BreakDuration,
                })
                : builder.AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions
                {
                    ConnectionOptions = new ConnectionOptions { MaxAttempts = 2, Expiry = BreakDuration },
                }))
            .Build();
    }

    private int AlwaysFail()
    {
        _calls++;
        throw new InvalidOperationException("down");
    }
}
