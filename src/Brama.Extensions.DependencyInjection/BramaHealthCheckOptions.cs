namespace Brama.Extensions.DependencyInjection;

/// <summary>Which connections the Brama health check looks at, and which of them are critical.</summary>
public sealed class BramaHealthCheckOptions
{
    /// <summary>Identifiers of the connections to report (every scope of each). Empty: every connection.</summary>
    public ISet<string> Connections { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Identifiers whose open circuit makes the check fail with the registration's failure status (Unhealthy by
    /// default). They are reported even when <see cref="Connections"/> does not list them.
    /// </summary>
    public ISet<string> CriticalConnections { get; } = new HashSet<string>(StringComparer.Ordinal);
}
