namespace Brama.Testing;

/// <summary>Thrown by the Brama.Testing assertions when a circuit is not in the expected state.</summary>
public sealed class BramaAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The explanation, naming the expected and the actual value.</param>
    public BramaAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the status that was found.</summary>
    /// <param name="message">The explanation, naming the expected and the actual value.</param>
    /// <param name="actual">The status that was found, or <see langword="null"/> when the connection does not exist.</param>
    public BramaAssertionException(string message, ConnectionStatus? actual)
        : base(message)
    {
        Actual = actual;
    }

    /// <summary>Creates the exception.</summary>
    public BramaAssertionException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">The explanation.</param>
    /// <param name="innerException">The cause.</param>
    public BramaAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status that was found, or <see langword="null"/> when the connection does not exist.</summary>
    public ConnectionStatus? Actual { get; }
}
