namespace Brama.Polly;

/// <summary>
/// How a Brama circuit breaker in a Polly pipeline registers its connection and counts exceptions. Immutable; every
/// value is checked when it is set.
/// </summary>
public class BramaCircuitBreakerOptions
{
    private readonly ConnectionOptions? _connectionOptions;
    private readonly Func<Exception, Outcome> _classifyException = Outcome.Failure;

    /// <summary>
    /// Options used when the strategy registers the connection itself, on its first call; a connection already
    /// registered (in code, configuration or by a decorated method) keeps its own. The registry's
    /// <see cref="BramaOptions.Defaults"/> when null.
    /// </summary>
    public ConnectionOptions? ConnectionOptions
    {
        get => _connectionOptions;
        init
        {
            value?.Validate(nameof(ConnectionOptions));
            _connectionOptions = value;
        }
    }

    /// <summary>
    /// Classifies an exception the rest of the pipeline returned. The default is a failure whose reason is the
    /// exception's type and message. An <see cref="OperationCanceledException"/> while the pipeline's cancellation token
    /// is cancelled is <see cref="Outcome.Ignore"/> without asking, and any failure while it is cancelled counts as
    /// <see cref="Outcome.Ignore"/>, as for decorated methods.
    /// </summary>
    public Func<Exception, Outcome> ClassifyException
    {
        get => _classifyException;
        init => _classifyException = value ?? throw new ArgumentNullException(nameof(ClassifyException));
    }
}

/// <summary>
/// The options of a Brama circuit breaker in a <c>ResiliencePipelineBuilder&lt;TResult&gt;</c>: those of
/// <see cref="BramaCircuitBreakerOptions"/>, and how a result counts.
/// </summary>
/// <typeparam name="TResult">The pipeline's result type.</typeparam>
public sealed class BramaCircuitBreakerOptions<TResult> : BramaCircuitBreakerOptions
{
    private readonly Func<TResult, Outcome> _classifyResult = static _ => Outcome.Success;

    /// <summary>
    /// Classifies a result, e.g. an <c>HttpResponseMessage</c> with a 5xx status as a failure. The default counts
    /// every result as a success. The result is returned to the caller unchanged whatever this says.
    /// </summary>
    public Func<TResult, Outcome> ClassifyResult
    {
        get => _classifyResult;
        init => _classifyResult = value ?? throw new ArgumentNullException(nameof(ClassifyResult));
    }

    /// <summary>Options that classify results and exceptions as <paramref name="handler"/> does, e.g. the error handler a decorated method of the same connection names.</summary>
    /// <param name="handler">The error handler.</param>
    /// <param name="connectionOptions">Options for a connection the strategy registers itself.</param>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    public static BramaCircuitBreakerOptions<TResult> FromErrorHandler(IErrorHandler<TResult> handler, ConnectionOptions? connectionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new()
        {
            ConnectionOptions = connectionOptions,
            ClassifyResult = handler.Classify,
            ClassifyException = handler.Classify,
        };
    }
}
