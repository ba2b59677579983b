using Brama;
using Brama.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Joins the container's <see cref="ConnectionRegistry"/> to a fleet over Redis.</summary>
public static class RedisFleetServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisFleet"/> for the container's registry (call <c>AddBrama()</c> too) that joins when the
    /// host starts, before the application serves (so a restarted instance is open where the fleet is), and leaves
    /// when it stops. Its logger, when the options give none, is the category <c>Brama.Fleet</c>. Resolve
    /// <see cref="RedisFleet"/> for the fleet's operator commands and status.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The fleet's options, built from the container (configuration, secrets).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRedisFleet(this IServiceCollection services, Func<IServiceProvider, RedisFleetOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddBrama();
        services.TryAddSingleton(provider =>
        {
            var given = options(provider) ?? throw new InvalidOperationException("The fleet options factory returned null.");
            if (given.Logger is null && provider.GetService<ILoggerFactory>() is { } loggers)
            {
                given = given with { Logger = loggers.CreateLogger("Brama.Fleet") };
            }

            return new RedisFleet(provider.GetRequiredService<ConnectionRegistry>(), given);
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisFleetHostedService>());
        return services;
    }

    /// <summary>As <see cref="AddRedisFleet(IServiceCollection, Func{IServiceProvider, RedisFleetOptions})"/>, with fixed options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">The fleet's options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddRedisFleet(this IServiceCollection services, RedisFleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddRedisFleet(_ => options);
    }

    private sealed class RedisFleetHostedService(RedisFleet fleet) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => fleet.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => fleet.DisposeAsync().AsTask();
    }
}
