using Microsoft.Extensions.DependencyInjection;

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
}
