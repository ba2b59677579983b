using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Registry_options_and_defaults_come_from_the_Brama_section()
    {
        using var provider = Build(new()
        {
            ["Brama:CleanupInterval"] = "00:00:03",
            ["Brama:EventQueueCapacity"] = "64",
            ["Brama:Defaults:MaxAttempts"] = "7",
            ["Brama:Defaults:Expiry"] = "00:00:20",
        });

        var registry = provider.GetRequiredService<ConnectionRegistry>();

        Assert.Equal(TimeSpan.FromSeconds(3), registry.Options.CleanupInterval);
        Assert.Equal(64, registry.Options.EventQueueCapacity);
        Assert.Equal(7, registry.Options.Defaults.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(20), registry.Options.Defaults.Expiry);
    }

    [Fact]
    public void Every_connection_option_is_read_and_inherits_the_defaults()
    {
        using var provider = Build(new()
        {
            ["Brama:Defaults:SuccessesToClose"] = "2",
            ["Brama:Connections:payment_api:MaxAttempts"] = "3",
            ["Brama:Connections:payment_api:Expiry"] = "00:00:30",
            ["Brama:Connections:payment_api:ExpiryStrategy"] = "progressive",
            ["Brama:Connections:payment_api:InitialExpiry"] = "00:00:05",
            ["Brama:Connections:payment_api:MaxExpiry"] = "00:10:00",
            ["Brama:Connections:payment_api:BackoffFactor"] = "1.5",
            ["Brama:Connections:payment_api:HalfOpenMaxCalls"] = "4",
            ["Brama:Connections:payment_api:ProbeTimeout"] = "00:00:12",
            ["Brama:Connections:payment_api:InactivityTimeout"] = "Never",
            ["Brama:Connections:payment_api:FailureRatio"] = "0.25",
            ["Brama:Connections:payment_api:MinimumThroughput"] = "40",
            ["Brama:Connections:payment_api:SamplingDuration"] = "00:00:20",
            ["Brama:Connections:payment_api:SamplingCalls"] = "500",
            ["Brama:Connections:payment_api:SlowCallDuration"] = "00:00:02.5",
            ["Brama:Connections:payment_api:SlowCallRatio"] = "0.75",
            ["Brama:Connections:payment_api:Metadata:team"] = "payments",
        });

        var status = Status(provider, "payment_api");

        var expected = new ConnectionOptions
        {
            MaxAttempts = 3,
            Expiry = TimeSpan.FromSeconds(30),
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = TimeSpan.FromSeconds(5),
            MaxExpiry = TimeSpan.FromMinutes(10),
            BackoffFactor = 1.5,
            HalfOpenMaxCalls = 4,
            SuccessesToClose = 2,
            ProbeTimeout = TimeSpan.FromSeconds(12),
            InactivityTimeout = null,
            FailureRatio = 0.25,
            MinimumThroughput = 40,
            SamplingDuration = TimeSpan.FromSeconds(20),
            SamplingCalls = 500,
            SlowCallDuration = TimeSpan.FromSeconds(2.5),
            SlowCallRatio = 0.75,
            Metadata = new Dictionary<string, string> { ["team"] = "payments" },
        };
        Assert.Equal(expected, status.Options);
    }

    [Fact]
    public void A_rate_rule_the_defaults_turn_on_can_be_turned_off_for_one_connection()
    {
        using var provider = Build(new()
        {
            ["Brama:Defaults:FailureRatio"] = "0.5",
            ["Brama:Defaults:SamplingCalls"] = "100",
            ["Brama:Defaults:SlowCallDuration"] = "00:00:01",
            ["Brama:Connections:payment_api:FailureRatio"] = "off",
            ["Brama:Connections:payment_api:SamplingCalls"] = "Off",
            ["Brama:Connections:payment_api:SlowCallDuration"] = "OFF",
            ["Brama:Connections:search_api:MaxAttempts"] = "3",
        });

        var payment = Status(provider, "payment_api").Options;
        var search = Status(provider, "search_api").Options;

        Assert.Equal((null, null, null), (payment.FailureRatio, payment.SamplingCalls, payment.SlowCallDuration));
        Assert.False(payment.HasRateRules);
        Assert.Equal((0.5, 100, TimeSpan.FromSeconds(1)), (search.FailureRatio, search.SamplingCalls, search.SlowCallDuration));
    }

    [Fact]
    public void Scoped_connections_inherit_their_identifier_entry()
    {
        using var provider = Build(new()
        {
            ["Brama:Connections:payment_api:MaxAttempts"] = "3",
            ["Brama:Connections:payment_api:Metadata:team"] = "payments",
            ["Brama:Connections:payment_api:Scopes:tenant_a:Expiry"] = "00:01:00",
            ["Brama:Connections:payment_api:Scopes:tenant_a:Metadata:tenant"] = "a",
            ["Brama:Connections:payment_api:Scopes:tenant_b:MaxAttempts"] = "9",
        });

        var tenantA = Status(provider, "payment_api", "tenant_a");
        var tenantB = Status(provider, "payment_api", "tenant_b");

        Assert.Equal(3, tenantA.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMinutes(1), tenantA.Options.Expiry);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "payments", ["tenant"] = "a" }, tenantA.Metadata);
        Assert.Equal(9, tenantB.Options.MaxAttempts);
        Assert.Equal(3, Status(provider, "payment_api").Options.MaxAttempts);
    }

    [Fact]
    public void An_entry_with_only_scopes_registers_no_unscoped_connection()
    {
        using var provider = Build(new() { ["Brama:Connections:inventory:Scopes:eu:MaxAttempts"] = "2" });

        var registry = provider.GetRequiredService<ConnectionRegistry>();

        Assert.Equal([("inventory", (string?)"eu")], registry.Connections.Select(c => (c.Identifier, c.Scope)));
    }

    [Fact]
    public void An_identifier_s_entry_gives_the_options_of_its_dynamic_scopes_and_a_scope_entry_those_of_one_scope()
    {
        using var provider = Build(new()
        {
            ["Brama:MaxDynamicScopes"] = "50",
            ["Brama:DynamicScopeIdleTimeout"] = "00:02:00",
            ["Brama:Connections:payment_api:MaxAttempts"] = "4",
            ["Brama:Connections:payment_api:Scopes:acme:MaxAttempts"] = "9",
        });
        var registry = provider.GetRequiredService<ConnectionRegistry>();

        var tenant = registry.GetOrRegisterDynamicScope("payment_api", "globex", new ConnectionOptions { MaxAttempts = 2 });
        var acme = registry.GetOrRegisterDynamicScope("payment_api", "acme", new ConnectionOptions { MaxAttempts = 2 });

        Assert.Equal((50, TimeSpan.FromMinutes(2)), (registry.Options.MaxDynamicScopes, registry.Options.DynamicScopeIdleTimeout));
        Assert.Equal((4, TimeSpan.FromMinutes(2)), (tenant.Options.MaxAttempts, tenant.Options.InactivityTimeout));
        Assert.Equal(9, acme.Options.MaxAttempts);
        Assert.Equal(1, registry.CountDynamicScopes("payment_api"));
        Assert.True(registry.TryGetStatus("payment_api", "globex", out var status) && status.IsDynamicScope);
    }

    [Fact]
    public void Parents_given_an_empty_value_by_their_provider_are_still_sections()
    {
        using var provider = Build(new()
        {
            ["Brama:Connections"] = "",
            ["Brama:Connections:payment_api"] = "",
            ["Brama:Connections:payment_api:MaxAttempts"] = "2",
        });

        Assert.Equal(2, Status(provider, "payment_api").Options.MaxAttempts);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_identifiers_keep_their_case()
    {
        using var provider = Build(new()
        {
            ["brama:connections:Payment_API:maxattempts"] = "2",
            ["BRAMA:CLEANUPINTERVAL"] = "00:00:04",
        });

        var registry = provider.GetRequiredService<ConnectionRegistry>();

        Assert.Equal(2, Status(provider, "Payment_API").Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(4), registry.Options.CleanupInterval);
    }

    [Fact]
    public void Configuration_overrides_code_and_code_only_connections_stay()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Config(new() { ["Brama:Connections:payment_api:Expiry"] = "00:00:09" }));
        services.AddBrama(setup => setup
            .AddConnection("payment_api", options: new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(1) })
            .AddConnection("search", "eu"));
        using var provider = services.BuildServiceProvider();

        var payment = Status(provider, "payment_api");

        Assert.Equal(2, payment.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(9), payment.Options.Expiry);
        Assert.Equal(ConnectionOptions.Default, Status(provider, "search", "eu").Options);
    }

    [Fact]
    public void A_given_section_is_read_instead_of_the_application_configuration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Config(new() { ["Brama:Connections:ignored:MaxAttempts"] = "2" }));
        services.AddBrama(Config(new() { ["Resilience:Connections:payment_api:MaxAttempts"] = "4" }).GetSection("Resilience"));
        using var provider = services.BuildServiceProvider();

        var registry = provider.GetRequiredService<ConnectionRegistry>();

        Assert.Equal(["payment_api"], registry.Connections.Select(c => c.Identifier));
        Assert.Equal(4, registry.Connections[0].Options.MaxAttempts);
    }

    [Fact]
    public void Reading_can_be_turned_off()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Config(new() { ["Brama:Connections:payment_api:MaxAttempts"] = "oops" }));
        services.AddBrama(setup => setup.ReadConfiguration = false);
        using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetRequiredService<ConnectionRegistry>().Connections);
    }

    [Fact]
    public void Without_any_configuration_the_code_setup_is_used()
    {
        var services = new ServiceCollection();
        services.AddBrama(setup => setup.Options = new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(2) });
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<ConnectionRegistry>().Options.CleanupInterval);
    }

    internal static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    internal static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Config(values));
        services.AddBrama();
        return services.BuildServiceProvider();
    }

    private static ConnectionStatus Status(IServiceProvider provider, string identifier, string? scope = null) =>
        provider.GetRequiredService<ConnectionRegistry>().TryGetStatus(identifier, scope, out var status)
            ? status
            : throw new InvalidOperationException($"{identifier}/{scope} is not registered");
}
