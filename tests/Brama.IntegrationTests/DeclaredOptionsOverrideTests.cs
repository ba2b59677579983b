using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;
using Microsoft.Extensions.Logging;

namespace Brama.IntegrationTests;

/// <summary>A connection registered before the decorator (in code or configuration) keeps its options, and says so once.</summary>
public sealed class DeclaredOptionsOverrideTests : IDisposable
{
    private readonly WarningLogger _logger = new();
    private readonly ConnectionRegistry _registry;

    public DeclaredOptionsOverrideTests()
    {
        _registry = new ConnectionRegistry(new BramaOptions { Logger = _logger, CleanupInterval = TimeSpan.FromHours(1) }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
    }

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void The_registered_options_apply_and_each_declaration_is_named_once_in_the_status_and_the_log()
    {
        _registry.Register("pricing_api", options: new ConnectionOptions { MaxAttempts = 5 });
        var client = new PricingClient(_registry);

        for (var i = 0; i < 3; i++)
        {
            client.GetPrice("apple");
            client.GetDiscount("apple");
        }

        Assert.True(_registry.TryGetStatus("pricing_api", null, out var status));
        Assert.Equal(5, status.Options.MaxAttempts);
        Assert.Equal(
            [
                "[CircuitBreaker] on Brama.IntegrationTests.Decorated.PricingClient.GetPrice declares MaxAttempts = 2 (runs with 5), ExpiryMilliseconds = 1000 (runs with 60000); the options the connection was registered with apply",
                "[CircuitBreaker] on Brama.IntegrationTests.Decorated.PricingClient.GetDiscount declares MaxAttempts = 2 (runs with 5), ExpiryMilliseconds = 1000 (runs with 60000); the options the connection was registered with apply",
            ],
            status.OverriddenDeclarations);
        Assert.Equal(
            [
                "Warning 3: Connection 'pricing_api' was registered, in code or configuration, before [CircuitBreaker] on Brama.IntegrationTests.Decorated.PricingClient.GetPrice used it, and its options apply: the attribute declares MaxAttempts = 2 (runs with 5), ExpiryMilliseconds = 1000 (runs with 60000).",
                "Warning 3: Connection 'pricing_api' was registered, in code or configuration, before [CircuitBreaker] on Brama.IntegrationTests.Decorated.PricingClient.GetDiscount used it, and its options apply: the attribute declares MaxAttempts = 2 (runs with 5), ExpiryMilliseconds = 1000 (runs with 60000).",
            ],
            _logger.Lines);
    }

    [Fact]
    public void A_connection_the_decorator_registers_itself_has_no_note()
    {
        new PricingClient(_registry).GetPrice("apple");

        Assert.True(_registry.TryGetStatus("pricing_api", null, out var status));
        Assert.Equal(2, status.Options.MaxAttempts);
        Assert.Empty(status.OverriddenDeclarations);
        Assert.Empty(_logger.Lines);
    }

    [Fact]
    public void Agreeing_options_give_no_note()
    {
        _registry.Register("pricing_api", options: new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(1), ProbeTimeout = TimeSpan.FromSeconds(3) });

        new PricingClient(_registry).GetPrice("apple");

        Assert.True(_registry.TryGetStatus("pricing_api", null, out var status));
        Assert.Empty(status.OverriddenDeclarations);
        Assert.Empty(_logger.Lines);
    }

    private sealed class WarningLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add($"{logLevel} {eventId.Id}: {formatter(state, exception)}");
            }
        }
    }
}
