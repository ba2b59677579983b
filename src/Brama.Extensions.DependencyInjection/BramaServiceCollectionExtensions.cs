using Brama;
using Brama.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Brama's <see cref="ConnectionRegistry"/> in a service collection.</summary>
public static class BramaServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ConnectionRegistry"/> (disposed with the container) built from the <c>Brama</c>
    /// section of the application's configuration, on the container's <see cref="TimeProvider"/> when one is
    /// registered, with transition logs; the configuration is validated when the host starts. Calling it again only
    /// adds set-up.
    /// </summary>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddBrama(this IServiceCollection services) => services.AddBrama(static _ => { });

    /// <summary>As <see cref="AddBrama(IServiceCollection)"/>, with set-up in code (options, connections, configuration section).</summary>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddBrama(this IServiceCollection services, Action<BramaSetup> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions();
        services.Configure(configure);
        services.TryAddSingleton<ConnectionRegistry>(ConnectionRegistryFactory.Create);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BramaStartupValidator>());
        return services;
    }

    /// <summary>As <see cref="AddBrama(IServiceCollection)"/>, reading <paramref name="configuration"/> (the Brama section itself).</summary>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddBrama(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddBrama(setup => setup.Configuration = configuration);
    }
}
