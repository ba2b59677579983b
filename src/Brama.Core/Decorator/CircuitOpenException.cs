namespace Brama;

/// <summary>
/// Thrown by a decorated method without a fallback when its circuit rejects the call. A fresh instance is thrown for
/// every rejection; the implementation was not called.
/// </summary>
public sealed class CircuitOpenException : Exception
{
    private string? _message;

    /// <summary>Creates the exception from the status of the rejecting connection.</summary>
    /// <param name="status">The connection status at the time of the rejection.</param>
    public CircuitOpenException(ConnectionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
    }

    /// <summary>Which circuit rejected the call and when it admits calls again (written when first read).</summary>
    public override string Message => _message ??= CreateMessage(Status);

    /// <summary>The connection status at the time of the rejection.</summary>
    public ConnectionStatus Status { get; }

    /// <summary>How long until the circuit admits a call again; null when half-open (probe slots full).</summary>
    public TimeSpan? RetryAfter => Status.RetryAfter;

    private static string CreateMessage(ConnectionStatus status)
    {
        var name = status.Scope is null ? $"'{status.Identifier}'" : $"'{status.Identifier}' (scope '{status.Scope}')";
        return status.State switch
        {
            CircuitState.HalfOpen => $"Circuit {name} is half-open and all probe slots are taken.",
            _ when status.RetryAfter is { } retry =>
                $"Circuit {name} is open; retry after {retry.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s.",
            _ => $"Circuit {name} is open.",
        };
    }
}
