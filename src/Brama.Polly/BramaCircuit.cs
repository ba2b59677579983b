using Polly;
using PollyOutcome = Polly.Outcome;

namespace Brama.Polly;

/// <summary>
/// One strategy's connection and the rules of a guarded call: admit or reject, run the rest of the pipeline, count its
/// outcome. Shared by the strategy of the untyped pipeline and that of <c>ResiliencePipelineBuilder&lt;TResult&gt;</c>.
/// </summary>
internal sealed class BramaCircuit(ConnectionRegistry registry, string identifier, string? scope, BramaCircuitBreakerOptions options)
{
    private Connection? _connection;

    /// <summary>Runs <paramref name="callback"/> through the circuit; <paramref name="classifyResult"/> null counts every result as a success.</summary>
    public async ValueTask<Outcome<TResult>> ExecuteAsync<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state,
        Func<TResult, Outcome>? classifyResult)
    {
        var connection = Resolve();
        if (!connection.TryAcquire(out var permit))
        {
            return PollyOutcome.FromException<TResult>(BramaBrokenCircuitException.Create(connection.GetStatus()));
        }

        Outcome<TResult> outcome;
        try
        {
            outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception e)
        {
            // Polly's callbacks return their exceptions; one that throws anyway must still complete the permit.
            outcome = PollyOutcome.FromException<TResult>(e);
        }

        var counted = Outcome.Ignore;
        try
        {
            counted = Classify(outcome, context.CancellationToken.IsCancellationRequested, classifyResult);
        }
        catch (Exception e)
        {
            // As for decorated methods: a classifier that throws says nothing about the dependency, and the caller sees it.
            outcome = PollyOutcome.FromException<TResult>(e);
        }
        finally
        {
            permit.Complete(counted);
        }

        return outcome;
    }

    // The caller's cancellation never counts (error-handlers.md): an OperationCanceledException is ignored unasked,
    // and any other failure is ignored once the classifier has seen it.
    private Outcome Classify<TResult>(Outcome<TResult> outcome, bool callerCancelled, Func<TResult, Outcome>? classifyResult)
    {
        Outcome counted;
        if (outcome.Exception is { } exception)
        {
            counted = callerCancelled && exception is OperationCanceledException ? Outcome.Ignore : options.ClassifyException(exception);
        }
        else
        {
            counted = classifyResult is null ? Outcome.Success : classifyResult(outcome.Result!);
        }

        return DecoratorRuntime.IgnoreIfCallerCancelled(counted, callerCancelled);
    }

    // Registered on first use, and again after an unregistration, as the HttpClient handler does.
    private Connection Resolve()
    {
        var connection = _connection;
        if (connection is null || !connection.IsRegistered)
        {
            connection = registry.GetOrRegister(identifier, scope, options.ConnectionOptions);
            _connection = connection;
        }

        return connection;
    }
}
