using Brama.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class HealthCheckTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Closed_circuits_are_healthy_and_listed_in_the_data()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck());

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("3 circuits closed.", entry.Description);
        Assert.Equal(
            new Dictionary<string, object> { ["inventory"] = "Closed", ["payment_api"] = "Closed", ["payment_api@tenant_a"] = "Closed" },
            entry.Data);
    }

    [Fact]
    public async Task An_open_circuit_degrades()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck());
        provider.GetRequiredService<ConnectionRegistry>().Trip("payment_api", "tenant_a");

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("Not closed: payment_api@tenant_a Open.", entry.Description);
        Assert.Equal("Open", entry.Data["payment_api@tenant_a"]);
    }

    [Fact]
    public async Task A_half_open_circuit_degrades_even_when_critical()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck(configure: o => o.CriticalConnections.Add("inventory")));
        provider.GetRequiredService<ConnectionRegistry>().SetState("inventory", CircuitState.HalfOpen);

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("HalfOpen", entry.Data["inventory"]);
    }

    [Fact]
    public async Task An_open_critical_circuit_is_unhealthy()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck(configure: o => o.CriticalConnections.Add("payment_api")));
        provider.GetRequiredService<ConnectionRegistry>().Trip("payment_api", "tenant_a");

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("Critical circuit open: payment_api@tenant_a. Not closed: payment_api@tenant_a Open.", entry.Description);
    }

    [Fact]
    public async Task The_failure_status_replaces_unhealthy()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck(
            configure: o => o.CriticalConnections.Add("inventory"), failureStatus: HealthStatus.Degraded));
        provider.GetRequiredService<ConnectionRegistry>().Trip("inventory");

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith("Critical circuit open: inventory.", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_filter_reports_only_those_connections_plus_critical_ones()
    {
        using var provider = Build(checks => checks.AddBramaHealthCheck(configure: o =>
        {
            o.Connections.Add("payment_api");
            o.CriticalConnections.Add("search");
        }));
        var registry = provider.GetRequiredService<ConnectionRegistry>();
        registry.Register("search");
        registry.Trip("inventory");

        var entry = await Check(provider, "brama");

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(["payment_api", "payment_api@tenant_a", "search"], entry.Data.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Name_and_tags_are_those_of_the_registration()
    {
        using var provider = Build(checks => checks
            .AddBramaHealthCheck("circuits", tags: ["ready"])
            .AddBramaHealthCheck("payments", configure: o => o.Connections.Add("payment_api"), tags: ["payments"]));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"), Token);

        var only = Assert.Single(report.Entries);
        Assert.Equal("circuits", only.Key);
        Assert.Equal(["ready"], only.Value.Tags);
    }

    private static ServiceProvider Build(Action<IHealthChecksBuilder> addChecks)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddBrama(setup => setup
            .AddConnection("payment_api")
            .AddConnection("payment_api", "tenant_a", new ConnectionOptions { MaxAttempts = 1 })
            .AddConnection("inventory", options: new ConnectionOptions { MaxAttempts = 1 }));
        addChecks(services.AddHealthChecks());
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> Check(ServiceProvider provider, string name)
    {
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name, Token);
        return report.Entries[name];
    }
}
