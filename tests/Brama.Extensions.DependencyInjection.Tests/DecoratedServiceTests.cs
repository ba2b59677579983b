using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Brama.Extensions.DependencyInjection.Tests;

/// <summary>
/// The documented pattern for decorated classes resolved from DI: take the registry in the constructor and keep it in
/// the class's single <see cref="ConnectionRegistry"/> member, which the generated code uses instead of
/// <see cref="ConnectionRegistry.Default"/>.
/// </summary>
public partial class QuoteClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    public int Calls { get; private set; }

    // A method, not a second ConnectionRegistry member (that would be BRAMA009).
    public bool Uses(ConnectionRegistry candidate) => ReferenceEquals(_registry, candidate);

    [CircuitBreaker("quotes")]
    public partial int GetQuote(int amount);

    private int GetQuoteCore(int amount)
    {
        Calls++;
        return amount * 2;
    }
}

/// <summary>Declares options that configuration overrides.</summary>
public partial class PricingClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    [CircuitBreaker("pricing_api", MaxAttempts = 2)]
    public partial decimal GetPrice(string item);

    private decimal GetPriceCore(string item) => 10m;
}

public sealed class DecoratedServiceTests
{
    [Fact]
    public void A_decorated_class_resolved_from_DI_holds_the_container_registry()
    {
        var services = new ServiceCollection();
        services.AddBrama(setup => setup.AddConnection("quotes"));
        services.AddTransient<QuoteClient>();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<QuoteClient>();

        Assert.True(client.Uses(provider.GetRequiredService<ConnectionRegistry>()));
        Assert.False(client.Uses(ConnectionRegistry.Default));
        Assert.Equal(42, client.GetQuote(21));
        Assert.Equal(1, client.Calls);
    }

    [Fact]
    public void Configuration_overriding_the_attribute_is_logged_once_as_a_warning_and_shown_in_the_status()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Brama:Connections:pricing_api:MaxAttempts"] = "5" })
            .Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddBrama();
        services.AddTransient<PricingClient>();
        using var provider = services.BuildServiceProvider();

        for (var i = 0; i < 3; i++)
        {
            provider.GetRequiredService<PricingClient>().GetPrice("apple");
        }

        var registry = provider.GetRequiredService<ConnectionRegistry>();
        Assert.True(registry.TryGetStatus("pricing_api", null, out var status));
        Assert.Equal(5, status.Options.MaxAttempts);
        var warning = Assert.Single(logs.Entries, static e => e.EventId.Id == 3);
        Assert.Equal("Brama", warning.Category);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(
            "Connection 'pricing_api' was registered, in code or configuration, before [CircuitBreaker] on Brama.Extensions.DependencyInjection.Tests.PricingClient.GetPrice used it, and its options apply: the attribute declares MaxAttempts = 2 (runs with 5).",
            warning.Message);
        Assert.Contains("declares MaxAttempts = 2 (runs with 5)", Assert.Single(status.OverriddenDeclarations), StringComparison.Ordinal);
    }
}
