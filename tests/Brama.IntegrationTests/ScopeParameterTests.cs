using Brama.IntegrationTests.Decorated;
using Microsoft.Extensions.Time.Testing;

namespace Brama.IntegrationTests;

/// <summary>ScopeParameter: each call's argument chooses its circuit; bad values are refused before the implementation runs.</summary>
public sealed class ScopeParameterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConnectionRegistry _registry;
    private readonly TenantClient _client;

    public ScopeParameterTests()
    {
        _registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1), MaxDynamicScopes = 3 }, _time);
        _client = new TenantClient(_registry);
    }

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void One_failing_tenant_opens_its_own_circuit_and_no_other()
    {
        _client.FailingTenants.Add("acme");
        Assert.Equal(10, _client.Charge("globex", 10));
        for (var i = 0; i < 2; i++)
        {
            Assert.Throws<InvalidOperationException>(() => _client.Charge("acme", 1));
        }

        var rejected = Assert.Throws<CircuitOpenException>(() => _client.Charge("acme", 1));
        Assert.Equal(("payment_api", "acme"), (rejected.Status.Identifier, rejected.Status.Scope));
        Assert.Equal(20, _client.Charge("globex", 20));
        Assert.Equal(CircuitState.Open, Status("payment_api", "acme").State);
        Assert.Equal(CircuitState.Closed, Status("payment_api", "globex").State);
        Assert.Equal(2, Status("payment_api", "acme").Options.MaxAttempts);
    }

    [Fact]
    public async Task Values_of_every_key_type_name_their_scope_invariantly()
    {
        Assert.Equal(7, await _client.CountAsync(7));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _client.CountAsync(-3));
        Assert.Equal("Us", _client.Ship(Region.Us));
        Assert.Equal(12, _client.Post(12L));

        var scopes = _registry.Connections.Where(static c => c.IsDynamicScope).Select(static c => c.Identifier + "/" + c.Scope).Order(StringComparer.Ordinal);
        Assert.Equal(["ledger_api/12", "shipping_api/Us", "warehouse_api/-3", "warehouse_api/7"], scopes);
        Assert.Equal(1, Status("warehouse_api", "-3").FailureCount);
    }

    [Theory]
    [InlineData(null, typeof(ArgumentNullException))]
    [InlineData("", typeof(ArgumentException))]
    [InlineData("  \t", typeof(ArgumentException))]
    [InlineData("x257", typeof(ArgumentException))]
    public void A_bad_value_throws_naming_the_parameter_before_the_implementation_runs(string? tenant, Type expected)
    {
        var value = tenant == "x257" ? new string('x', 257) : tenant;

        var error = Assert.Throws(expected, () => _client.Charge(value!, 5));

        Assert.Equal("tenant", ((ArgumentException)error).ParamName);
        Assert.Equal(0, _client.Calls);
        Assert.Empty(_registry.Connections);
    }

    [Fact]
    public void A_null_nullable_value_throws_naming_the_parameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _client.Post(null));

        Assert.Equal("shard", error.ParamName);
        Assert.Equal(0, _client.Calls);
        Assert.Empty(_registry.Connections);
    }

    [Fact]
    public void Past_the_limit_new_values_share_the_overflow_circuit_until_idle_scopes_are_removed()
    {
        foreach (var tenant in new[] { "a", "b", "c", "d", "e" })
        {
            Assert.Equal(1, _client.Charge(tenant, 1));
        }

        Assert.Equal(3, _registry.CountDynamicScopes("payment_api"));
        Assert.Equal([ConnectionRegistry.OverflowScope, "a", "b", "c"], Scopes("payment_api"));
        Assert.False(Status("payment_api", ConnectionRegistry.OverflowScope).IsDynamicScope);

        // One failing value past the limit breaks only the shared overflow circuit, never a value with its own.
        _client.FailingTenants.Add("d");
        Assert.Throws<InvalidOperationException>(() => _client.Charge("d", 1));
        Assert.Throws<InvalidOperationException>(() => _client.Charge("d", 1));
        Assert.Throws<CircuitOpenException>(() => _client.Charge("e", 1));
        Assert.Equal(1, _client.Charge("a", 1));

        _registry.RunCleanup(); // a sweep takes its own time as that of the activity it sees: idle from here on
        _time.Advance(_registry.Options.DynamicScopeIdleTimeout + TimeSpan.FromSeconds(1));
        _registry.RunCleanup();

        Assert.Equal(0, _registry.CountDynamicScopes("payment_api"));
        _client.FailingTenants.Clear();
        Assert.Equal(1, _client.Charge("e", 1));
        Assert.True(Status("payment_api", "e").IsDynamicScope);
    }

    [Fact]
    public void Manual_operations_act_on_a_dynamic_scope_alone()
    {
        _client.Charge("acme", 1);
        _client.Charge("globex", 1);

        Assert.True(_registry.Open("payment_api", "acme", "maintenance"));
        Assert.Throws<CircuitOpenException>(() => _client.Charge("acme", 1));
        Assert.Equal(1, _client.Charge("globex", 1));

        Assert.True(_registry.Close("payment_api", "acme", "done"));
        Assert.Equal(1, _client.Charge("acme", 1));
        Assert.True(_registry.Reset("payment_api", "acme"));
        Assert.Equal(CircuitState.Closed, Status("payment_api", "acme").State);
    }

    [Fact]
    public void A_registered_scope_unregistered_by_hand_is_registered_again_on_its_next_call()
    {
        _client.Charge("acme", 1);
        Assert.True(_registry.Unregister("payment_api", "acme"));
        Assert.Equal(0, _registry.CountDynamicScopes("payment_api"));

        Assert.Equal(1, _client.Charge("acme", 1));

        Assert.Equal(1, _registry.CountDynamicScopes("payment_api"));
        Assert.True(Status("payment_api", "acme").IsDynamicScope);
    }

    [Fact]
    public void Options_configured_for_the_identifier_apply_to_its_new_dynamic_scopes()
    {
        _registry.ConfigureDynamicScopes("payment_api", new ConnectionOptions { MaxAttempts = 1 });
        _client.FailingTenants.Add("acme");

        Assert.Throws<InvalidOperationException>(() => _client.Charge("acme", 1));

        Assert.Equal(CircuitState.Open, Status("payment_api", "acme").State);
        Assert.Equal(_registry.Options.DynamicScopeIdleTimeout, Status("payment_api", "acme").Options.InactivityTimeout);
    }

    private ConnectionStatus Status(string identifier, string scope)
    {
        Assert.True(_registry.TryGetStatus(identifier, scope, out var status));
        return status;
    }

    private List<string?> Scopes(string identifier) =>
        [.. _registry.Connections.Where(c => c.Identifier == identifier).Select(static c => c.Scope).Order(StringComparer.Ordinal)];
}
