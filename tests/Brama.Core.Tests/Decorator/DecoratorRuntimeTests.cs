using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Decorator;

public sealed class DecoratorRuntimeTests : IDisposable
{
    private readonly Engine _engine = new();
    private readonly ConnectionDeclaration _declaration = new("api", null) { MaxAttempts = 2, ExpiryMilliseconds = 10_000 };
    private Connection? _cache;

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void The_first_call_registers_with_the_declared_options_and_later_calls_reuse_the_handle()
    {
        var first = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);
        var second = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);

        Assert.Same(first, second);
        Assert.Same(first, _cache);
        Assert.Equal(2, first.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), first.Options.Expiry);
    }

    [Fact]
    public void An_unregistered_handle_is_replaced_by_a_new_registration()
    {
        var first = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);
        Assert.True(_engine.Registry.Unregister("api"));

        var second = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);

        Assert.NotSame(first, second);
        Assert.True(second.IsRegistered);
        Assert.Equal(2, second.Options.MaxAttempts);
    }

    [Fact]
    public void A_handle_of_another_registry_is_not_used()
    {
        using var other = new ConnectionRegistry();
        var first = DecoratorRuntime.GetConnection(ref _cache, other, _declaration);

        var second = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);

        Assert.NotSame(first, second);
        Assert.Same(_engine.Registry, second.Registry);
    }

    [Fact]
    public void An_existing_connection_keeps_its_options()
    {
        _engine.Register("api", Engine.Options(static o => o with { MaxAttempts = 9 }));

        var connection = DecoratorRuntime.GetConnection(ref _cache, _engine.Registry, _declaration);

        Assert.Equal(9, connection.Options.MaxAttempts);
    }

    [Fact]
    public void A_result_is_classified_by_the_handler()
    {
        var connection = _engine.Register();
        var permit = Engine.Acquire(connection);

        DecoratorRuntime.Complete(ref permit, new SignHandler(), -3);

        Assert.False(permit.IsActive);
        Assert.Equal(1, connection.GetStatus().FailureCount);
        Assert.Equal("negative", connection.GetStatus().LastReason);
    }

    [Fact]
    public void A_throwing_handler_completes_the_probe_as_ignored_and_its_exception_propagates()
    {
        var connection = _engine.RegisterHalfOpen();
        var permit = Engine.Acquire(connection);

        var exception = Assert.Throws<InvalidOperationException>(() => DecoratorRuntime.Complete(ref permit, new ThrowingHandler(), 1));

        Assert.Equal("bug", exception.Message);
        Assert.False(permit.IsActive);
        var status = connection.GetStatus();
        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(0, status.ProbesInFlight);
    }

    [Fact]
    public void An_exception_without_a_handler_is_a_failure_with_its_type_and_message()
    {
        var connection = _engine.Register();
        var permit = Engine.Acquire(connection);

        DecoratorRuntime.CompleteFaulted(ref permit, new TimeoutException("slow"), callerCancelled: false);

        Assert.Equal("TimeoutException: slow", connection.GetStatus().LastReason);
        Assert.Equal(1, connection.GetStatus().FailureCount);
    }

    [Theory]
    [InlineData(true, true, 0)]
    [InlineData(false, true, 1)]
    [InlineData(true, false, 0)]
    [InlineData(false, false, 1)]
    public void A_failure_while_the_caller_cancelled_is_ignored(bool callerCancelled, bool isCancellation, int failures)
    {
        var connection = _engine.Register();
        var permit = Engine.Acquire(connection);
        Exception exception = isCancellation ? new OperationCanceledException() : new InvalidOperationException();

        DecoratorRuntime.CompleteFaulted(ref permit, exception, callerCancelled);

        Assert.Equal(failures, connection.GetStatus().FailureCount);
    }

    [Fact]
    public void The_handler_classifies_exceptions_but_not_the_callers_cancellation()
    {
        var connection = _engine.Register();
        var handler = new SignHandler();
        var cancelled = Engine.Acquire(connection);
        DecoratorRuntime.CompleteFaulted(ref cancelled, handler, new OperationCanceledException(), callerCancelled: true);
        Assert.Equal(0, handler.ExceptionCalls);

        var failed = Engine.Acquire(connection);
        DecoratorRuntime.CompleteFaulted(ref failed, handler, new IOException("disk"), callerCancelled: false);

        Assert.Equal(1, handler.ExceptionCalls);
        Assert.Equal("handled IOException", connection.GetStatus().LastReason);
    }

    [Fact]
    public void A_handler_throwing_for_an_exception_completes_the_permit_as_ignored()
    {
        var connection = _engine.Register();
        var permit = Engine.Acquire(connection);

        Assert.Throws<InvalidOperationException>(() => DecoratorRuntime.CompleteFaulted(ref permit, new ThrowingHandler(), new IOException(), callerCancelled: false));

        Assert.False(permit.IsActive);
        Assert.Equal(0, connection.GetStatus().FailureCount);
    }

    [Fact]
    public void A_rejection_carries_the_current_status()
    {
        var connection = _engine.RegisterOpen();
        _engine.Time.Advance(TimeSpan.FromSeconds(4));

        var exception = DecoratorRuntime.Rejected(connection);

        Assert.Equal(CircuitState.Open, exception.Status.State);
        Assert.Equal(TimeSpan.FromSeconds(6), exception.RetryAfter);
    }

    [Fact]
    public void Resolving_and_completing_with_a_struct_handler_allocates_nothing()
    {
        // The engine fixture records every signal; a plain registry shows what the generated code costs.
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromDays(1) }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var handler = new StructHandler();
        Call(registry, handler);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Call(registry, handler);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private void Call(ConnectionRegistry registry, StructHandler handler)
    {
        for (var i = 0; i < 1_000; i++)
        {
            var connection = DecoratorRuntime.GetConnection(ref _cache, registry, _declaration);
            connection.TryAcquire(out var permit);
            DecoratorRuntime.Complete(ref permit, handler, i);
        }
    }

    private sealed class SignHandler : IErrorHandler<int>
    {
        public int ExceptionCalls { get; private set; }

        public Outcome Classify(int result) => result < 0 ? Outcome.Failure("negative") : Outcome.Success;

        public Outcome Classify(Exception exception)
        {
            ExceptionCalls++;
            return Outcome.Failure("handled " + exception.GetType().Name);
        }
    }

    private sealed class ThrowingHandler : IErrorHandler<int>
    {
        public Outcome Classify(int result) => throw new InvalidOperationException("bug");

        public Outcome Classify(Exception exception) => throw new InvalidOperationException("bug");
    }

    private readonly struct StructHandler : IErrorHandler<int>
    {
        public Outcome Classify(int result) => Outcome.Success;
    }

    [Fact]
    public void A_failed_result_while_the_caller_cancelled_is_ignored_after_the_handler_was_asked()
    {
        var connection = _engine.Register();
        var handler = new SignHandler();

        var cancelled = Engine.Acquire(connection);
        DecoratorRuntime.Complete(ref cancelled, handler, -1, callerCancelled: true);
        Assert.Equal(0, connection.GetStatus().FailureCount);
        Assert.False(cancelled.IsActive);

        var counted = Engine.Acquire(connection);
        DecoratorRuntime.Complete(ref counted, handler, -1, callerCancelled: false);
        Assert.Equal(1, connection.GetStatus().FailureCount);

        var success = Engine.Acquire(connection);
        DecoratorRuntime.Complete(ref success, handler, 1, callerCancelled: true);
        Assert.Equal(0, connection.GetStatus().FailureCount);
    }

    [Fact]
    public void A_handlers_failure_for_an_exception_is_ignored_while_the_caller_cancelled()
    {
        var connection = _engine.Register();
        var handler = new SignHandler();
        var permit = Engine.Acquire(connection);

        DecoratorRuntime.CompleteFaulted(ref permit, handler, new IOException("reset"), callerCancelled: true);

        Assert.Equal(1, handler.ExceptionCalls);
        Assert.Equal(0, connection.GetStatus().FailureCount);
    }

    [Fact]
    public void Only_failures_become_ignore_when_the_caller_cancelled()
    {
        Assert.Equal(Outcome.Ignore, DecoratorRuntime.IgnoreIfCallerCancelled(Outcome.Failure("x"), callerCancelled: true));
        Assert.Equal(Outcome.Failure("x"), DecoratorRuntime.IgnoreIfCallerCancelled(Outcome.Failure("x"), callerCancelled: false));
        Assert.Equal(Outcome.Success, DecoratorRuntime.IgnoreIfCallerCancelled(Outcome.Success, callerCancelled: true));
        Assert.Equal(Outcome.Ignore, DecoratorRuntime.IgnoreIfCallerCancelled(Outcome.Ignore, callerCancelled: true));
    }

    [Fact]
    public void A_declaration_overridden_by_a_registered_connection_is_noted_once()
    {
        _engine.Register("api", Engine.Options(static o => o with { MaxAttempts = 9 }));
        var declaration = new ConnectionDeclaration("api", null) { MaxAttempts = 2, DeclaredBy = "Shop.Client.Get" };
        Connection? cache = null;

        var connection = DecoratorRuntime.GetConnection(ref cache, _engine.Registry, declaration);
        cache = null;
        DecoratorRuntime.GetConnection(ref cache, _engine.Registry, declaration);

        Assert.Equal(
            "[CircuitBreaker] on Shop.Client.Get declares MaxAttempts = 2 (runs with 9); the options the connection was registered with apply",
            Assert.Single(connection.GetStatus().OverriddenDeclarations));
    }
}
