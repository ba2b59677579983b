using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Decorator;

/// <summary>The message of <see cref="CircuitOpenException"/>: which circuit, in which scope, and when to retry.</summary>
public sealed class RejectionMessageTests : IDisposable
{
    private readonly Engine _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void An_open_circuit_says_when_to_retry_in_seconds()
    {
        var connection = _engine.RegisterOpen();
        _engine.Time.Advance(TimeSpan.FromMilliseconds(1234));

        var exception = DecoratorRuntime.Rejected(connection);

        Assert.Equal("Circuit 'api' is open; retry after 8.766 s.", exception.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(8766), exception.RetryAfter);
    }

    [Fact]
    public void A_scoped_circuit_names_its_scope()
    {
        var connection = _engine.Register("api", scope: "eu");
        Engine.Trip(connection);

        var exception = DecoratorRuntime.Rejected(connection);

        Assert.Equal("Circuit 'api' (scope 'eu') is open; retry after 10 s.", exception.Message);
    }

    [Fact]
    public void A_half_open_circuit_with_every_probe_slot_taken_says_so()
    {
        var connection = _engine.RegisterHalfOpen();
        var probe = Engine.Acquire(connection);
        Assert.False(connection.TryAcquire(out _));

        var exception = DecoratorRuntime.Rejected(connection);

        Assert.Equal("Circuit 'api' is half-open and all probe slots are taken.", exception.Message);
        Assert.Null(exception.RetryAfter);
        probe.Complete(Outcome.Success);
    }

    [Fact]
    public void A_scoped_half_open_circuit_names_its_scope()
    {
        var status = new ConnectionStatus { Identifier = "api", Scope = "eu", State = CircuitState.HalfOpen, Options = ConnectionOptions.Default };

        Assert.Equal("Circuit 'api' (scope 'eu') is half-open and all probe slots are taken.", new CircuitOpenException(status).Message);
    }

    [Fact]
    public void An_open_status_without_a_retry_time_says_only_that_it_is_open()
    {
        var status = new ConnectionStatus { Identifier = "api", State = CircuitState.Open, Options = ConnectionOptions.Default };

        Assert.Equal("Circuit 'api' is open.", new CircuitOpenException(status).Message);
    }

    [Fact]
    public void The_message_is_written_once()
    {
        var exception = DecoratorRuntime.Rejected(_engine.RegisterOpen());

        var first = exception.Message;

        Assert.Same(first, exception.Message);
        Assert.Contains("is open; retry after 10 s.", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_arguments_are_named()
    {
        Connection? cache = null;
        var declaration = new ConnectionDeclaration("api", null);

        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => DecoratorRuntime.Rejected(null!)).ParamName);
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => DecoratorRuntime.GetConnection(ref cache, null!, declaration)).ParamName);
        Assert.Equal("declaration", Assert.Throws<ArgumentNullException>(() => DecoratorRuntime.GetConnection(ref cache, _engine.Registry, null!)).ParamName);
        Assert.Null(cache);
    }

    [Fact]
    public void A_probe_the_caller_cancelled_is_completed_as_ignored_without_asking_the_handler()
    {
        var connection = _engine.RegisterHalfOpen();
        var permit = Engine.Acquire(connection);
        var handler = new CountingHandler();

        DecoratorRuntime.CompleteFaulted(ref permit, handler, new OperationCanceledException(), callerCancelled: true);

        Assert.False(permit.IsActive);
        Assert.Equal(0, handler.Calls);
        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
        Assert.True(Engine.Acquire(connection).IsProbe);
    }

    private sealed class CountingHandler : IErrorHandler
    {
        public int Calls { get; private set; }

        public Outcome Classify(Exception exception)
        {
            Calls++;
            return Outcome.Failure("classified");
        }
    }
}
