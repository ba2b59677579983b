using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

public sealed class ConnectionResolutionTests : IDisposable
{
    private readonly TestRegistry _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void A_connection_registered_beforehand_keeps_its_own_options()
    {
        _test.Registry.Register("sync_value", null, new ConnectionOptions { MaxAttempts = 4 });
        var client = new SyncClient(_test.Registry) { Behaviour = static _ => throw new TimeoutException() };

        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<TimeoutException>(() => client.Compute(1));
        }

        var status = _test.Status("sync_value");
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(3, status.FailureCount);
        Assert.Equal(4, status.Options.MaxAttempts);
    }

    [Fact]
    public void Attribute_options_override_the_registry_defaults_only_where_they_are_set()
    {
        using var test = new TestRegistry(new ConnectionOptions { HalfOpenMaxCalls = 3, MaxAttempts = 9 });
        new SyncClient(test.Registry).Compute(1);

        var options = test.Status("sync_value").Options;
        Assert.Equal(2, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Expiry);
        Assert.Equal(3, options.HalfOpenMaxCalls);
    }

    [Fact]
    public void A_removed_connection_is_registered_again_with_the_attribute_options()
    {
        var client = new SyncClient(_test.Registry);
        client.Compute(1);
        Assert.True(_test.Registry.TryGet("sync_value", out var first));
        Assert.True(_test.Registry.Unregister("sync_value"));

        client.Behaviour = static _ => throw new TimeoutException();
        Assert.Throws<TimeoutException>(() => client.Compute(1));

        Assert.True(_test.Registry.TryGet("sync_value", out var second));
        Assert.NotSame(first, second);
        var status = _test.Status("sync_value");
        Assert.Equal(1, status.FailureCount);
        Assert.Equal(2, status.Options.MaxAttempts);
    }

    [Fact]
    public void Instances_with_different_registries_use_their_own_connection()
    {
        using var other = new TestRegistry();
        var first = new SyncClient(_test.Registry) { Behaviour = static _ => throw new TimeoutException() };
        var second = new SyncClient(other.Registry);

        Assert.Throws<TimeoutException>(() => first.Compute(1));
        Assert.Equal(2, second.Compute(1));
        Assert.Throws<TimeoutException>(() => first.Compute(1));

        Assert.Equal(CircuitState.Open, _test.Status("sync_value").State);
        Assert.Equal(CircuitState.Closed, other.Status("sync_value").State);
        Assert.Equal(0, other.Status("sync_value").FailureCount);
    }

    [Fact]
    public void A_type_without_a_registry_member_uses_the_default_registry()
    {
        Assert.Equal(42, new DoublingClient().Double(21));

        Assert.True(ConnectionRegistry.Default.TryGetStatus("integration_doubling", null, out var status));
        Assert.Equal(CircuitState.Closed, status.State);
    }

    [Fact]
    public void The_decorated_method_keeps_its_attribute_and_the_helpers_are_marked_generated()
    {
        var method = typeof(SyncClient).GetMethod(nameof(SyncClient.Compute))!;

        var attribute = Assert.Single(method.GetCustomAttributes(typeof(CircuitBreakerAttribute), inherit: false).Cast<CircuitBreakerAttribute>());
        Assert.Equal("sync_value", attribute.Connection);
        Assert.Empty(method.GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), inherit: false));
        var helper = typeof(SyncClient).GetField("__brama_Compute_Connection", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var generated = Assert.Single(helper.GetCustomAttributes(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), inherit: false).Cast<System.CodeDom.Compiler.GeneratedCodeAttribute>());
        Assert.Equal("Brama.Generators", generated.Tool);
    }
}

public partial class DoublingClient
{
    [CircuitBreaker("integration_doubling")]
    public partial int Double(int value);

    private static int DoubleCore(int value) => value * 2;
}
