using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class LifetimeTests
{
    [Fact]
    public void The_registry_is_one_singleton_across_scopes()
    {
        var services = new ServiceCollection();
        services.AddBrama();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Same(provider.GetRequiredService<ConnectionRegistry>(), scope.ServiceProvider.GetRequiredService<ConnectionRegistry>());
        Assert.NotSame(ConnectionRegistry.Default, provider.GetRequiredService<ConnectionRegistry>());
    }

    [Fact]
    public void Adding_Brama_twice_registers_one_registry_and_one_validator_and_keeps_both_setups()
    {
        var services = new ServiceCollection();
        services.AddBrama(setup => setup.AddConnection("a"));
        services.AddBrama(setup => setup.AddConnection("b"));

        Assert.Single(services, d => d.ServiceType == typeof(ConnectionRegistry));
        Assert.Single(services, d => d.ImplementationType == typeof(BramaStartupValidator));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(["a", "b"], provider.GetRequiredService<ConnectionRegistry>().Connections.Select(c => c.Identifier));
    }

    [Fact]
    public void The_container_disposes_the_registry()
    {
        var services = new ServiceCollection();
        services.AddBrama();
        var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<ConnectionRegistry>();

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => registry.Events.Subscribe(static _ => { }));
    }

    [Fact]
    public void The_registry_runs_on_the_container_TimeProvider()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddBrama(setup => setup.AddConnection("payment_api", options: new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(5) }));
        using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<ConnectionRegistry>();

        registry.ReportFailure("payment_api");
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Same(time, registry.TimeProvider);
        Assert.True(registry.TryGetStatus("payment_api", null, out var status));
        Assert.Equal(CircuitState.HalfOpen, status.State);
    }

    [Fact]
    public void Without_a_registered_TimeProvider_the_system_clock_is_used()
    {
        var services = new ServiceCollection();
        services.AddBrama();
        using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<ConnectionRegistry>().TimeProvider);
    }

    [Fact]
    public void Handler_failures_are_logged_through_the_container_logger_unless_one_is_given()
    {
        using var capture = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(capture));
        services.AddBrama();
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<ConnectionRegistry>().Options.Logger);

        var own = new CapturingLoggerProvider().CreateLogger("mine");
        var withOwn = new ServiceCollection();
        withOwn.AddLogging(logging => logging.AddProvider(capture));
        withOwn.AddBrama(setup => setup.Options = new BramaOptions { Logger = own });
        using var ownProvider = withOwn.BuildServiceProvider();
        Assert.Same(own, ownProvider.GetRequiredService<ConnectionRegistry>().Options.Logger);
    }
}
