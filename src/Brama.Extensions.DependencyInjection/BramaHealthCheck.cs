using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// Healthy when every reported circuit is closed, Degraded when any is half-open or open, and the registration's
/// failure status when a critical connection is open. The data holds each connection's state, keyed
/// <c>identifier</c> or <c>identifier@scope</c>.
/// </summary>
internal sealed class BramaHealthCheck(ConnectionRegistry registry, BramaHealthCheckOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var notClosed = new List<string>();
        var criticalOpen = new List<string>();
        foreach (var status in registry.Connections)
        {
            var critical = options.CriticalConnections.Contains(status.Identifier);
            if (!critical && options.Connections.Count > 0 && !options.Connections.Contains(status.Identifier))
            {
                continue;
            }

            var name = status.Scope is null ? status.Identifier : $"{status.Identifier}@{status.Scope}";
            data[name] = status.State.ToString();
            if (status.State != CircuitState.Closed)
            {
                notClosed.Add($"{name} {status.State}");
            }

            if (critical && status.State == CircuitState.Open)
            {
                criticalOpen.Add(name);
            }
        }

        var result = criticalOpen.Count > 0
            ? new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Critical circuit open: {string.Join(", ", criticalOpen)}. Not closed: {string.Join(", ", notClosed)}.",
                data: data)
            : notClosed.Count > 0
                ? HealthCheckResult.Degraded($"Not closed: {string.Join(", ", notClosed)}.", data: data)
                : HealthCheckResult.Healthy($"{data.Count} circuits closed.", data);
        return Task.FromResult(result);
    }
}
