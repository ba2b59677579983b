using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Brama.Extensions.DependencyInjection;

/// <summary>Builds the container's registry: options and connections from code and configuration, time and logs from DI.</summary>
internal static class ConnectionRegistryFactory
{
    public static ConnectionRegistry Create(IServiceProvider services)
    {
        var setup = services.GetRequiredService<IOptions<BramaSetup>>().Value;
        var section = setup.ReadConfiguration
            ? setup.Configuration ?? services.GetService<IConfiguration>()?.GetSection(BramaSetup.DefaultSectionName)
            : null;
        var configuration = section is null
            ? new BramaConfiguration(setup.Options, setup.Connections)
            : BramaConfigurationReader.Read(section, setup.Options, setup.Connections);

        var options = configuration.Options;
        var loggerFactory = services.GetService<ILoggerFactory>();
        if (options.Logger is null && loggerFactory is not null)
        {
            options = options with { Logger = loggerFactory.CreateLogger("Brama") };
        }

        var registry = new ConnectionRegistry(options, services.GetService<TimeProvider>());
        try
        {
            if (setup.LogTransitions && loggerFactory is not null)
            {
                TransitionLogger.Attach(registry, loggerFactory.CreateLogger(TransitionLogger.CategoryName));
            }

            foreach (var connection in configuration.Connections)
            {
                registry.Register(connection.Identifier, connection.Scope, connection.Options);

                // An identifier's own entry also gives the options of the scopes its calls choose (ScopeParameter).
                if (connection.Scope is null && connection.Options is not null)
                {
                    registry.ConfigureDynamicScopes(connection.Identifier, connection.Options);
                }
            }

            return registry;
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }
}
