using Brama.Testing;
using Polly;
using Polly.CircuitBreaker;

namespace Brama.Polly.Tests;

/// <summary>What an untyped pipeline with the Brama strategy reports to its connection, and how it rejects.</summary>
public sealed class CountingTests : IDisposable
{
    private readonly BramaTestHarness _brama = new();
    private int _calls;

    public void Dispose() => _brama.Dispose();

    [Fact]
    public void Successes_and_failures_reach_the_connection()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 5 });

        Assert.Equal(42, pipeline.Execute(() => ++_calls * 42));
        var afterSuccess = _brama.Registry.ShouldHaveFailureCount("api", 0);
        Assert.Equal(_brama.Time.GetUtcNow(), afterSuccess.LastSuccessAt);

        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        var afterFailures = _brama.Registry.ShouldHaveFailureCount("api", 2);
        Assert.Equal("InvalidOperationException: dependency down", afterFailures.LastReason);

        pipeline.Execute(() => _calls++);
        _brama.Registry.ShouldHaveFailureCount("api", 0);
        _brama.Registry.ShouldBeClosed("api");
    }

    [Fact]
    public void MaxAttempts_failures_open_the_circuit_and_the_next_call_is_rejected_without_running()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 3, Expiry = TimeSpan.FromSeconds(30) });
        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        }

        _brama.Registry.ShouldBeOpen("api");

        var rejected = Assert.Throws<BramaBrokenCircuitException>(() => pipeline.Execute(Fail));

        Assert.Equal(3, _calls);
        Assert.IsAssignableFrom<BrokenCircuitException>(rejected);
        Assert.Equal(TimeSpan.FromSeconds(30), rejected.RetryAfter);
        Assert.Equal(CircuitState.Open, rejected.Status.State);
        Assert.Equal("api", rejected.Status.Identifier);
        Assert.Equal("InvalidOperationException: dependency down", rejected.Status.LastReason);
        Assert.Equal("Circuit 'api' is open; retry after 30 s.", rejected.Message);
        _brama.Registry.ShouldBeOpen("api");
    }

    [Fact]
    public async Task Opening_publishes_the_registry_event_dashboards_subscribe_to()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 2 });

        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));

        var opened = await _brama.Events.WaitForAsync(EventType.CircuitOpened, "api", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(opened.Scope);
    }

    [Fact]
    public void A_successful_probe_closes_the_circuit_and_a_failed_one_reopens_it()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(10) });
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));

        _brama.Advance(TimeSpan.FromSeconds(10));
        _brama.Registry.ShouldBeHalfOpen("api");
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        _brama.Registry.ShouldBeOpen("api");

        _brama.Advance(TimeSpan.FromSeconds(10));
        pipeline.Execute(() => _calls++);
        _brama.Registry.ShouldBeClosed("api");
        Assert.Equal(3, _calls);
    }

    [Fact]
    public async Task A_rejection_is_returned_as_an_outcome_not_thrown()
    {
        _brama.Register("api");
        _brama.Registry.Open("api", reason: "deploy");
        var pipeline = Build(new ConnectionOptions());
        var context = ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync<int, int>((_, _) => throw new InvalidOperationException("never called"), context, 0);

            var rejected = Assert.IsType<BramaBrokenCircuitException>(outcome.Exception);
            Assert.Null(rejected.StackTrace);
            Assert.Equal("deploy", rejected.Status.LastReason);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [Fact]
    public void A_half_open_circuit_whose_probe_slots_are_taken_rejects_without_RetryAfter()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(10), HalfOpenMaxCalls = 1 });
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        _brama.Advance(TimeSpan.FromSeconds(10));

        var nested = Assert.Throws<BramaBrokenCircuitException>(() => pipeline.Execute(() => pipeline.Execute(() => _calls++)));

        Assert.Null(nested.RetryAfter);
        Assert.Equal(CircuitState.HalfOpen, nested.Status.State);
        Assert.Equal("Circuit 'api' is half-open and all probe slots are taken.", nested.Message);

        // The outer probe saw the inner rejection as its own failure, as any exception of the rest of the pipeline.
        _brama.Registry.ShouldBeOpen("api");
    }

    [Fact]
    public void The_connection_is_registered_on_the_first_call_with_the_given_options_and_scope()
    {
        var options = new ConnectionOptions { MaxAttempts = 7 };
        var pipeline = new ResiliencePipelineBuilder()
            .AddBramaCircuitBreaker(_brama.Registry, "api", "eu", new BramaCircuitBreakerOptions { ConnectionOptions = options })
            .Build();

        Assert.False(_brama.Registry.TryGet("api", "eu", out _));

        pipeline.Execute(() => _calls++);

        Assert.True(_brama.Registry.TryGet("api", "eu", out var connection));
        Assert.Same(options, connection.Options);
        Assert.False(_brama.Registry.TryGet("api", out _));
    }

    [Fact]
    public void A_connection_registered_before_keeps_its_options()
    {
        var registered = _brama.Register("api", options: new ConnectionOptions { MaxAttempts = 1 });
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 9 });

        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));

        Assert.Equal(1, registered.Options.MaxAttempts);
        _brama.Registry.ShouldBeOpen("api");
    }

    [Fact]
    public void An_unregistered_connection_is_registered_again_on_the_next_call()
    {
        var pipeline = Build(new ConnectionOptions { MaxAttempts = 1 });
        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        _brama.Registry.ShouldBeOpen("api");

        Assert.True(_brama.Registry.Unregister("api"));
        pipeline.Execute(() => _calls++);

        Assert.True(_brama.Registry.TryGet("api", out var again));
        Assert.True(again.IsRegistered);
        _brama.Registry.ShouldBeClosed("api");
        Assert.Equal(_brama.Time.GetUtcNow(), again.GetStatus().LastSuccessAt);
    }

    [Fact]
    public void Exceptions_are_classified_by_ClassifyException()
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions
            {
                ConnectionOptions = new ConnectionOptions { MaxAttempts = 1 },
                ClassifyException = e => e is ArgumentException ? Outcome.Ignore : Outcome.Failure("counted: " + e.Message),
            })
            .Build();

        Assert.Throws<ArgumentException>(() => pipeline.Execute(() => throw new ArgumentException("our bug")));
        _brama.Registry.ShouldBeClosed("api");

        Assert.Throws<InvalidOperationException>(() => pipeline.Execute(Fail));
        Assert.Equal("counted: dependency down", _brama.Registry.ShouldBeOpen("api").LastReason);
    }

    [Fact]
    public void A_classifier_that_throws_counts_nothing_and_its_exception_is_the_outcome()
    {
        var broken = new FormatException("classifier bug");
        var pipeline = new ResiliencePipelineBuilder()
            .AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions
            {
                ClassifyException = _ => throw broken,
            })
            .Build();
        _brama.Register("api");
        Assert.True(_brama.Registry.Open("api", expiry: TimeSpan.FromSeconds(10)));
        _brama.Advance(TimeSpan.FromSeconds(10));

        Assert.Same(broken, Assert.Throws<FormatException>(() => pipeline.Execute(Fail)));

        // The probe was released, not counted: the circuit is still half-open with a free slot.
        var status = _brama.Registry.ShouldBeHalfOpen("api");
        Assert.Equal(0, status.ProbesInFlight);
    }

    private ResiliencePipeline Build(ConnectionOptions options) => new ResiliencePipelineBuilder()
        .AddBramaCircuitBreaker(_brama.Registry, "api", options: new BramaCircuitBreakerOptions { ConnectionOptions = options })
        .Build();

    private void Fail()
    {
        _calls++;
        throw new InvalidOperationException("dependency down");
    }
}
