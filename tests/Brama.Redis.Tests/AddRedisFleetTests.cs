using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Redis.Tests;

/// <summary>AddRedisFleet: the container's registry joins when the host starts and leaves when it stops.</summary>
public sealed class AddRedisFleetTests : FleetTestBase
{
    [Fact]
    public async Task The_hosted_fleet_joins_at_start_adopting_running_openings_and_leaves_at_stop()
    {
        var operatorSide = await JoinAsync("ops");
        Assert.True(await operatorSide.Fleet.OpenAsync("payment_api", reason: "maintenance"));

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Member.Start));
        services.AddBrama(setup => setup.AddConnection("payment_api", null, Member.FleetWide));
        services.AddRedisFleet(_ => new RedisFleetOptions { FleetName = "shop", Configuration = Redis.Configuration, InstanceId = "web-1" });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }

        var registry = provider.GetRequiredService<ConnectionRegistry>();
        var fleet = provider.GetRequiredService<RedisFleet>();
        Assert.Equal(("shop", "web-1", true), (fleet.FleetName, fleet.InstanceId, fleet.Status.IsConnected));
        Assert.True(registry.TryGetStatus("payment_api", null, out var status));
        Assert.Equal((CircuitState.Open, "operator@ops"), (status.State, status.FleetOrigin)); // before any call
        Assert.Same(fleet, registry.FleetProbeGate);

        foreach (var service in hosted)
        {
            await service.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.Null(registry.FleetProbeGate);
    }

    [Fact]
    public void Fixed_options_are_validated_when_the_fleet_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddRedisFleet(new RedisFleetOptions { FleetName = "bad name", Configuration = Redis.Configuration });
        using var provider = services.BuildServiceProvider();

        Assert.Equal("FleetName", Assert.Throws<ArgumentException>(() => provider.GetRequiredService<RedisFleet>()).ParamName);
    }
}
