using Polly.CircuitBreaker;

namespace Brama.Polly;

/// <summary>
/// The outcome of a call that a Brama circuit breaker in a Polly pipeline rejected; the rest of the pipeline was not
/// called. It is a Polly <see cref="BrokenCircuitException"/>, so that retry and fallback predicates written for Polly's
/// own breaker (<c>Handle&lt;BrokenCircuitException&gt;()</c>) treat it alike, with
/// <see cref="BrokenCircuitException.RetryAfter"/> set while the circuit is open. A fresh instance is made for every
/// rejection.
/// </summary>
public sealed class BramaBrokenCircuitException : BrokenCircuitException
{
    private string? _message;

    private BramaBrokenCircuitException(ConnectionStatus status)
        : base(string.Empty)
    {
        Status = status;
    }

    private BramaBrokenCircuitException(ConnectionStatus status, TimeSpan retryAfter)
        : base(string.Empty, retryAfter)
    {
        Status = status;
    }

    /// <summary>The connection status at the time of the rejection: which circuit, its state, why it opened.</summary>
    public ConnectionStatus Status { get; }

    /// <summary>Which circuit rejected the call and when it admits calls again, in the words of <see cref="CircuitOpenException"/> (written when first read).</summary>
    public override string Message => _message ??= new CircuitOpenException(Status).Message;

    /// <summary>The rejection of a call by the connection whose status is <paramref name="status"/>.</summary>
    internal static BramaBrokenCircuitException Create(ConnectionStatus status) =>
        status.RetryAfter is { } retryAfter ? new(status, retryAfter) : new(status);
}
