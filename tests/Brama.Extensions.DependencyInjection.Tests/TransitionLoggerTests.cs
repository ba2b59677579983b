using Brama.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class TransitionLoggerTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _provider;
    private readonly ConnectionRegistry _registry;

    public TransitionLoggerTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddBrama(setup => setup.AddConnection("payment_api", "tenant_a", new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30) }));
        _provider = services.BuildServiceProvider();
        _registry = _provider.GetRequiredService<ConnectionRegistry>();
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task Opening_is_a_warning_with_the_failure_details()
    {
        _registry.AddFailures("payment_api", 2, "tenant_a", "HTTP 503");

        var entry = await _logs.WaitForAsync(e => e.EventId.Id == 10);

        Assert.Equal("Brama.Transitions", entry.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("CircuitOpened", entry.EventId.Name);
        Assert.Equal(
            "Circuit 'payment_api' (scope tenant_a) opened from Closed after 2 failures (consecutive opening 1); retry after 00:00:30. Manual: False. Reason: HTTP 503",
            entry.Message);
    }

    [Fact]
    public async Task Half_opening_closing_and_resetting_are_information()
    {
        _registry.Trip("payment_api", "tenant_a");
        _registry.SimulateRecovery("payment_api", "tenant_a");
        _registry.Open("payment_api", "tenant_a", "maintenance");
        _registry.Reset("payment_api", "tenant_a", "done");

        var halfOpened = await _logs.WaitForAsync(e => e.EventId.Id == 11);
        var closed = await _logs.WaitForAsync(e => e.EventId.Id == 12);
        var reset = await _logs.WaitForAsync(e => e.EventId.Id == 13);

        Assert.Equal(LogLevel.Information, halfOpened.Level);
        Assert.Equal("Circuit 'payment_api' (scope tenant_a) is half-open after opening 1: probe calls are admitted.", halfOpened.Message);
        Assert.Equal(LogLevel.Information, closed.Level);
        Assert.Equal("Circuit 'payment_api' (scope tenant_a) closed from HalfOpen. Manual: False. Reason: none", closed.Message);
        Assert.Equal(LogLevel.Information, reset.Level);
        Assert.Equal("Circuit 'payment_api' (scope tenant_a) was reset from Open. Reason: done", reset.Message);
        var manualOpen = await _logs.WaitForAsync(e => e.EventId.Id == 10 && e.Message.Contains("maintenance", StringComparison.Ordinal));
        Assert.Contains("Manual: True", manualOpen.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unscoped_connection_is_logged_with_scope_none()
    {
        _registry.Register("inventory");
        _registry.Open("inventory", reason: "maintenance", expiry: TimeSpan.FromSeconds(5));

        var entry = await _logs.WaitForAsync(e => e.EventId.Id == 10);

        Assert.Equal(
            "Circuit 'inventory' (scope none) opened from Closed after 0 failures (consecutive opening 1); retry after 00:00:05. Manual: True. Reason: maintenance",
            entry.Message);
    }

    [Fact]
    public async Task Per_call_events_are_not_logged()
    {
        _registry.ReportFailure("payment_api", "tenant_a");
        _registry.ReportSuccess("payment_api", "tenant_a");
        _registry.Trip("payment_api", "tenant_a");

        await _logs.WaitForAsync(e => e.EventId.Id == 10);

        Assert.All(_logs.Entries.Where(e => e.Category == "Brama.Transitions"), e => Assert.Equal(10, e.EventId.Id));
    }

    [Fact]
    public void Transition_logs_can_be_turned_off()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs));
        services.AddBrama(setup => setup.LogTransitions = false);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(0, provider.GetRequiredService<ConnectionRegistry>().Events.Count);
        Assert.Equal(1, _registry.Events.Count);
    }
}
