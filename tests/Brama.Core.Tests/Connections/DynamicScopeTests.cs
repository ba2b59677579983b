using Brama.Core.Tests.Events;
using Brama.Core.Tests.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Connections;

/// <summary>Scopes chosen by calls: counted per identifier, capped with one overflow circuit, reported, removed when idle.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class DynamicScopeTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ListLogger _logger = new();
    private readonly ConnectionRegistry _registry;

    public DynamicScopeTests() => _registry = new ConnectionRegistry(
        new BramaOptions
        {
            CleanupInterval = TimeSpan.FromMinutes(1),
            MaxDynamicScopes = 2,
            DynamicScopeIdleTimeout = TimeSpan.FromMinutes(5),
            Logger = _logger,
        },
        _time);

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void Each_identifier_has_its_own_limit_and_one_overflow_circuit()
    {
        var a = _registry.GetOrRegisterDynamicScope("api", "t1");
        Assert.Same(a, _registry.GetOrRegisterDynamicScope("api", "t1"));
        _registry.GetOrRegisterDynamicScope("api", "t2");
        var third = _registry.GetOrRegisterDynamicScope("api", "t3");
        var fourth = _registry.GetOrRegisterDynamicScope("api", "t4");
        var other = _registry.GetOrRegisterDynamicScope("other", "t3");

        Assert.Equal(ConnectionRegistry.OverflowScope, third.Scope);
        Assert.Same(third, fourth);
        Assert.Equal("t3", other.Scope);
        Assert.Equal((2, 1), (_registry.CountDynamicScopes("api"), _registry.CountDynamicScopes("other")));
        Assert.False(_registry.TryGet("api", "t3", out _));
    }

    [Fact]
    public void The_limit_is_logged_at_most_once_per_cleanup_interval_and_every_overflowed_call_is_counted()
    {
        using var metrics = new MetricsCapture("brama.scope.overflows");
        _registry.GetOrRegisterDynamicScope("logged", "t1");
        _registry.GetOrRegisterDynamicScope("logged", "t2");

        for (var i = 0; i < 100; i++)
        {
            _registry.GetOrRegisterDynamicScope("logged", "new-" + i);
        }

        var warning = Assert.Single(_logger.Entries);
        Assert.Equal((LogLevel.Warning, 4), (warning.Level, warning.EventId.Id));
        Assert.Equal(
            "Connection 'logged' has 2 scopes chosen by calls, its limit (BramaOptions.MaxDynamicScopes): calls for new values share the scope '(overflow)' until idle scopes are removed.",
            warning.Message);
        var counted = metrics.Of("logged");
        Assert.Equal(100, counted.Sum(static m => m.Value));
        Assert.All(counted, static m => Assert.Equal(ConnectionRegistry.OverflowScope, m.Tags["brama.scope"]));

        _time.Advance(TimeSpan.FromSeconds(59));
        _registry.GetOrRegisterDynamicScope("logged", "later");
        Assert.Single(_logger.Entries);
        _time.Advance(TimeSpan.FromSeconds(1));
        _registry.GetOrRegisterDynamicScope("logged", "later");
        Assert.Equal(2, _logger.Entries.Count);
    }

    [Fact]
    public void Idle_dynamic_scopes_are_removed_after_the_idle_timeout_and_free_their_place()
    {
        var t1 = _registry.GetOrRegisterDynamicScope("api", "t1");
        _registry.GetOrRegisterDynamicScope("api", "t2");
        _time.Advance(TimeSpan.FromMinutes(3));
        t1.ReportSuccess();

        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        _registry.RunCleanup();
        Assert.Equal(2, _registry.CountDynamicScopes("api"));

        _time.Advance(TimeSpan.FromSeconds(2));
        _registry.RunCleanup();

        Assert.Equal(1, _registry.CountDynamicScopes("api"));
        Assert.True(_registry.TryGet("api", "t1", out _));
        Assert.False(_registry.TryGet("api", "t2", out _));
        Assert.Equal("t3", _registry.GetOrRegisterDynamicScope("api", "t3").Scope);
    }

    [Fact]
    public void A_shorter_inactivity_timeout_of_the_options_is_kept_and_a_longer_one_capped()
    {
        var shorter = _registry.GetOrRegisterDynamicScope("api", "t1", new ConnectionOptions { InactivityTimeout = TimeSpan.FromMinutes(1) });
        var longer = _registry.GetOrRegisterDynamicScope("api", "t2", new ConnectionOptions { InactivityTimeout = null });

        Assert.Equal(TimeSpan.FromMinutes(1), shorter.Options.InactivityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), longer.Options.InactivityTimeout);
    }

    [Fact]
    public void A_scope_registered_by_hand_is_found_and_not_counted()
    {
        var registered = _registry.Register("api", "static");

        Assert.Same(registered, _registry.GetOrRegisterDynamicScope("api", "static"));
        Assert.Equal(0, _registry.CountDynamicScopes("api"));
        Assert.True(_registry.TryGetStatus("api", "static", out var status));
        Assert.False(status.IsDynamicScope);
    }

    [Fact]
    public void Configured_options_for_the_identifier_apply_to_new_dynamic_scopes_only()
    {
        var before = _registry.GetOrRegisterDynamicScope("api", "t1");
        _registry.ConfigureDynamicScopes("api", new ConnectionOptions { MaxAttempts = 9 });
        var after = _registry.GetOrRegisterDynamicScope("api", "t2", new ConnectionOptions { MaxAttempts = 2 });

        Assert.Equal(ConnectionOptions.Default.MaxAttempts, before.Options.MaxAttempts);
        Assert.Equal(9, after.Options.MaxAttempts);

        _registry.ConfigureDynamicScopes("api", null);
        Assert.True(_registry.Unregister("api", "t2"));
        Assert.Equal(2, _registry.GetOrRegisterDynamicScope("api", "t2", new ConnectionOptions { MaxAttempts = 2 }).Options.MaxAttempts);
    }

    [Theory]
    [InlineData("", "t1", "identifier")]
    [InlineData("api", "", "scope")]
    [InlineData("api", " ", "scope")]
    [InlineData("api", null, "scope")]
    public void Bad_names_are_rejected_naming_the_parameter_and_register_nothing(string identifier, string? scope, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _registry.GetOrRegisterDynamicScope(identifier, scope!));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(_registry.Connections);
    }

    [Fact]
    public void Bad_limits_are_rejected_naming_the_option()
    {
        Assert.Equal(nameof(BramaOptions.MaxDynamicScopes), Assert.Throws<ArgumentOutOfRangeException>(() => new BramaOptions { MaxDynamicScopes = 0 }).ParamName);
        Assert.Equal(nameof(BramaOptions.DynamicScopeIdleTimeout), Assert.Throws<ArgumentOutOfRangeException>(() => new BramaOptions { DynamicScopeIdleTimeout = TimeSpan.Zero }).ParamName);
        Assert.Equal((10_000, TimeSpan.FromMinutes(10)), (BramaOptions.Default.MaxDynamicScopes, BramaOptions.Default.DynamicScopeIdleTimeout));
    }

    [Fact]
    public async Task Events_of_a_dynamic_scope_reach_a_filter_for_that_scope()
    {
        var stream = _registry.Events.Stream(new EventFilter { Scope = "t1", Events = [EventType.ConnectionRegistered, EventType.Failure] });

        _registry.GetOrRegisterDynamicScope("api", "t1").ReportFailure();
        _registry.GetOrRegisterDynamicScope("api", "t2").ReportFailure();
        _registry.Dispose();

        var received = new List<string>();
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            received.Add(e.Type + " " + e.Scope);
        }

        Assert.Equal(["ConnectionRegistered t1", "Failure t1"], received);
    }
}
