using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

public sealed class SyncShapeTests : IDisposable
{
    private readonly TestRegistry _test = new();
    private readonly SyncClient _client;

    public SyncShapeTests() => _client = new SyncClient(_test.Registry);

    public void Dispose() => _test.Dispose();

    [Fact]
    public void A_success_returns_the_result_and_registers_the_connection_with_the_attribute_options()
    {
        Assert.Equal(42, _client.Compute(21));

        var status = _test.Status("sync_value");
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(2, status.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), status.Options.Expiry);
        Assert.Equal(1, _client.CoreCalls);
    }

    [Fact]
    public void Exceptions_are_rethrown_unchanged_with_their_stack_and_counted_as_failures()
    {
        var thrown = new TimeoutException("payment api timed out");
        _client.Behaviour = _ => throw thrown;

        var caught = Assert.Throws<TimeoutException>(() => _client.Compute(1));

        Assert.Same(thrown, caught);
        Assert.Contains("ComputeCore", caught.StackTrace, StringComparison.Ordinal);
        var status = _test.Status("sync_value");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("TimeoutException: payment api timed out", status.LastReason);
    }

    [Fact]
    public void Failures_open_the_circuit_then_calls_are_rejected_without_running_the_implementation()
    {
        _client.Behaviour = _ => throw new InvalidOperationException("down");
        Assert.Throws<InvalidOperationException>(() => _client.Compute(1));
        Assert.Throws<InvalidOperationException>(() => _client.Compute(1));
        Assert.Equal(CircuitState.Open, _test.Status("sync_value").State);

        _test.Time.Advance(TimeSpan.FromSeconds(4));
        var first = Assert.Throws<CircuitOpenException>(() => _client.Compute(1));
        var second = Assert.Throws<CircuitOpenException>(() => _client.Compute(1));

        Assert.NotSame(first, second);
        Assert.Equal(2, _client.CoreCalls);
        Assert.Equal(CircuitState.Open, first.Status.State);
        Assert.Equal("sync_value", first.Status.Identifier);
        Assert.Equal(TimeSpan.FromSeconds(6), first.RetryAfter);
        Assert.Equal("Circuit 'sync_value' is open; retry after 6 s.", first.Message);
    }

    [Fact]
    public void After_the_expiry_a_successful_probe_closes_the_circuit()
    {
        _client.Behaviour = _ => throw new InvalidOperationException("down");
        Assert.Throws<InvalidOperationException>(() => _client.Compute(1));
        Assert.Throws<InvalidOperationException>(() => _client.Compute(1));
        _client.Behaviour = static value => value + 1;

        _test.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(CircuitState.HalfOpen, _test.Status("sync_value").State);
        Assert.Equal(8, _client.Compute(7));

        var status = _test.Status("sync_value");
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
        Assert.Equal(0, status.ConsecutiveOpenings);
    }

    [Fact]
    public void A_void_method_runs_counts_and_rejects()
    {
        _client.Fire("first");
        Assert.Equal(["first"], _client.Fired);
        Assert.Equal(CircuitState.Closed, _test.Status("sync_void").State);

        _client.Behaviour = _ => throw new InvalidOperationException("down");
        Assert.Throws<InvalidOperationException>(() => _client.Fire("second"));
        Assert.Equal(CircuitState.Open, _test.Status("sync_void").State);

        Assert.Throws<CircuitOpenException>(() => _client.Fire("third"));
        Assert.Equal(2, _client.CoreCalls);
        Assert.Equal(["first"], _client.Fired);
    }

    [Fact]
    public void Ref_out_in_and_params_parameters_flow_through_the_wrapper()
    {
        Assert.True(_client.TryHalve(10, out var half));
        Assert.Equal(5, half);
        Assert.False(_client.TryHalve(7, out half));
        Assert.Equal(3, half);

        var value = 1;
        _client.Increment(ref value, 4);
        Assert.Equal(5, value);

        Assert.Equal(10, _client.Sum(1, 2, 3, 4));
        Assert.Equal(1, _client.Sum(1));
    }

    [Fact]
    public void Default_parameter_values_and_nullable_parameters_keep_working()
    {
        Assert.Equal("Hello nobody.", _client.Greet());
        Assert.Equal("Hello Ada.Hello Ada.", _client.Greet("Ada", 2));
        Assert.Equal("Hello nobody.", _client.Greet(null));
    }

    [Fact]
    public void Every_accessibility_is_wrapped_and_a_named_implementation_is_called()
    {
        Assert.Equal("internal a", _client.Internal("a"));
        Assert.Equal("private b", _client.CallPrivate("b"));
        Assert.Equal("protected internal c", _client.ProtectedInternal("c"));
        Assert.Equal("D", _client.CallPrivateProtected("d"));

        Assert.Equal(CircuitState.Closed, _test.Status("sync_access").State);
    }

    [Fact]
    public void Accessibility_and_signature_of_the_decorated_methods_are_the_declared_ones()
    {
        var type = typeof(SyncClient);
        const System.Reflection.BindingFlags All = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;

        Assert.True(type.GetMethod(nameof(SyncClient.Internal), All)!.IsAssembly);
        Assert.True(type.GetMethod("Private", All)!.IsPrivate);
        Assert.True(type.GetMethod(nameof(SyncClient.ProtectedInternal), All)!.IsFamilyOrAssembly);
        Assert.True(type.GetMethod("PrivateProtected", All)!.IsFamilyAndAssembly);
        var greet = type.GetMethod(nameof(SyncClient.Greet))!.GetParameters();
        Assert.Null(greet[0].DefaultValue);
        Assert.Equal(1, greet[1].DefaultValue);
        Assert.Equal(System.Reflection.NullabilityState.Nullable, new System.Reflection.NullabilityInfoContext().Create(greet[0]).WriteState);
        Assert.Equal(System.Reflection.NullabilityState.NotNull, new System.Reflection.NullabilityInfoContext().Create(type.GetMethod(nameof(SyncClient.Greet))!.ReturnParameter).ReadState);
    }
}
