namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// The <c>Brama</c> configuration section holds invalid values. The message lists every problem with its full key,
/// e.g. <c>Brama:Connections:payment_api:MaxAttempts</c>.
/// </summary>
public sealed class BramaConfigurationException : InvalidOperationException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">Each problem, as a key and a message.</param>
    public BramaConfigurationException(IReadOnlyList<KeyValuePair<string, string>> errors)
        : base(CreateMessage(errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public BramaConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The explanation.</param>
    public BramaConfigurationException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The explanation.</param>
    /// <param name="innerException">The cause.</param>
    public BramaConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Each problem: the full configuration key and what is wrong with it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Errors { get; }

    /// <summary>The keys of <see cref="Errors"/>.</summary>
    public IEnumerable<string> Keys => Errors.Select(static e => e.Key);

    private static string CreateMessage(IReadOnlyList<KeyValuePair<string, string>> errors) =>
        errors.Count == 1
            ? $"Invalid Brama configuration: '{errors[0].Key}' {errors[0].Value}"
            : $"Invalid Brama configuration ({errors.Count} problems):" +
              string.Concat(errors.Select(static e => $"{Environment.NewLine}- '{e.Key}' {e.Value}"));
}
