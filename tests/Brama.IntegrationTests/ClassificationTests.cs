using System.Net;
using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

/// <summary>The tests whose calls go through <see cref="SignErrors"/>, which counts in statics: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SignErrorsCollection
{
    public const string Name = "SignErrors counters";
}

/// <summary>Error handlers, default classification by result members, and fallbacks.</summary>
[Collection(SignErrorsCollection.Name)]
public sealed class ClassificationTests : IDisposable
{
    private readonly TestRegistry _test = new();
    private readonly ClassifiedClient _client;

    public ClassificationTests()
    {
        _client = new ClassifiedClient(_test.Registry);
        SignErrors.ResultCalls = 0;
        SignErrors.ExceptionCalls = 0;
    }

    public void Dispose() => _test.Dispose();

    [Fact]
    public void The_error_handler_classifies_results_which_are_returned_unchanged()
    {
        _client.Behaviour = static () => -5;

        Assert.Equal(-5, _client.Handled());
        var status = _test.Status("handled");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("negative: -5", status.LastReason);

        _client.Behaviour = static () => 0;
        Assert.Equal(0, _client.Handled());
        Assert.Equal(1, _test.Status("handled").FailureCount);

        _client.Behaviour = static () => 3;
        Assert.Equal(3, _client.Handled());
        Assert.Equal(0, _test.Status("handled").FailureCount);
        Assert.Equal(3, SignErrors.ResultCalls);
        Assert.Equal(0, SignErrors.ExceptionCalls);
    }

    [Fact]
    public void The_error_handler_classifies_exceptions_which_are_rethrown()
    {
        _client.Behaviour = static () => throw new ArgumentException("bad input");
        Assert.Throws<ArgumentException>(() => _client.Handled());
        Assert.Equal(0, _test.Status("handled").FailureCount);

        _client.Behaviour = static () => throw new IOException("disk");
        Assert.Throws<IOException>(() => _client.Handled());

        var status = _test.Status("handled");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("handled disk", status.LastReason);
        Assert.Equal(2, SignErrors.ExceptionCalls);
        Assert.Equal(0, SignErrors.ResultCalls);
    }

    [Fact]
    public async Task The_error_handler_classifies_results_of_tasks_that_complete_later()
    {
        _client.Behaviour = static () => -1;
        Assert.Equal(-1, await _client.HandledAsync());
        Assert.Equal(-1, await _client.HandledAsync());

        Assert.Equal(CircuitState.Open, _test.Status("handled_async").State);
        Assert.Equal(2, SignErrors.ResultCalls);
        await Assert.ThrowsAsync<CircuitOpenException>(() => _client.HandledAsync());
        Assert.Equal(2, _client.CoreCalls);
    }

    [Fact]
    public void A_throwing_error_handler_completes_the_probe_permit_once_as_ignored()
    {
        _client.Behaviour = static () => throw new TimeoutException("slow");
        var fromException = Assert.Throws<InvalidOperationException>(() => _client.Broken());
        Assert.Equal("classifier bug (exception)", fromException.Message);
        var closed = _test.Status("broken");
        Assert.Equal(CircuitState.Closed, closed.State);
        Assert.Equal(0, closed.FailureCount);

        _test.Registry.Open("broken");
        _test.Time.Advance(TimeSpan.FromSeconds(1));
        _client.Behaviour = static () => 1;
        var fromResult = Assert.Throws<InvalidOperationException>(() => _client.Broken());
        Assert.Equal("classifier bug (result)", fromResult.Message);

        var halfOpen = _test.Status("broken");
        Assert.Equal(CircuitState.HalfOpen, halfOpen.State);
        Assert.Equal(0, halfOpen.ProbesInFlight);
        Assert.Throws<InvalidOperationException>(() => _client.Broken());
        Assert.Equal(3, _client.CoreCalls);
    }

    [Fact]
    public void A_result_with_IsSuccess_is_classified_by_it_with_its_error_as_reason()
    {
        Assert.True(_client.Check(success: true).IsSuccess);
        var failed = _client.Check(success: false);

        Assert.False(failed.IsSuccess);
        var status = _test.Status("result_member");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("quota exceeded", status.LastReason);
        _client.Check(success: false);
        Assert.Equal(CircuitState.Open, _test.Status("result_member").State);
    }

    [Fact]
    public async Task A_result_with_IsFailure_is_classified_by_it_with_the_exception_message_as_reason()
    {
        Assert.False((await _client.TryAsync(failure: false)).IsFailure);
        Assert.True((await _client.TryAsync(failure: true)).IsFailure);

        var status = _test.Status("attempt_member");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("took too long", status.LastReason);
    }

    [Fact]
    public async Task An_HttpResponseMessage_is_classified_by_its_status_code_out_of_the_box()
    {
        using (var ok = await _client.SendAsync())
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        _client.Status = HttpStatusCode.ServiceUnavailable;
        using (var unavailable = await _client.SendAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        }

        var status = _test.Status("http");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("ServiceUnavailable", status.LastReason);
    }

    [Fact]
    public void A_rejected_call_runs_the_fallback_instead_of_the_implementation()
    {
        _client.Behaviour = static () => throw new TimeoutException("slow");
        Assert.Throws<TimeoutException>(() => _client.Count());

        Assert.Equal(-1, _client.Count());
        Assert.Equal(-1, _client.Count());
        Assert.Equal(1, _client.CoreCalls);
    }

    [Fact]
    public async Task A_fallback_with_a_status_parameter_receives_the_rejection_status()
    {
        _client.Behaviour = static () => throw new TimeoutException("slow");
        await Assert.ThrowsAsync<TimeoutException>(() => _client.DescribeAsync("a"));

        Assert.Equal("fallback b Open", await _client.DescribeAsync("b"));

        var status = Assert.Single(_client.FallbackStatuses);
        Assert.Equal("fallback_status", status.Identifier);
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(TimeSpan.FromSeconds(60), status.RetryAfter);
        Assert.Equal(1, _client.CoreCalls);
    }
}
