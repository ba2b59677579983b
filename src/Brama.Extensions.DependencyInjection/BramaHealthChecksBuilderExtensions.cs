using Brama;
using Brama.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Brama health check to an <see cref="IHealthChecksBuilder"/>.</summary>
public static class BramaHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check over the container's <see cref="ConnectionRegistry"/> (registering it with
    /// <c>AddBrama()</c> if needed): Healthy when every reported circuit is closed, Degraded when one is half-open or
    /// open, <paramref name="failureStatus"/> (default Unhealthy) when a critical connection is open.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="configure">Chooses the reported and the critical connections.</param>
    /// <param name="failureStatus">The status when a critical connection is open; Unhealthy when null.</param>
    /// <param name="tags">Tags for filtering health endpoints.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddBramaHealthCheck(
        this IHealthChecksBuilder builder,
        string name = "brama",
        Action<BramaHealthCheckOptions>? configure = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new BramaHealthCheckOptions();
        configure?.Invoke(options);
        foreach (var identifier in options.Connections.Concat(options.CriticalConnections))
        {
            if (identifier is null || ConnectionNames.Problem(identifier) is not null)
            {
                throw new ArgumentException($"The connection filter '{identifier}' is not a valid connection identifier.", nameof(configure));
            }
        }

        builder.Services.AddBrama();
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new BramaHealthCheck(services.GetRequiredService<ConnectionRegistry>(), options),
            failureStatus,
            tags));
    }
}
