using Polly;

namespace Brama.Polly;

/// <summary>
/// The Brama circuit breaker of an untyped pipeline: every result is a success, exceptions are classified. A proactive
/// strategy, so that calls of any result type pass without boxing.
/// </summary>
internal sealed class BramaResilienceStrategy(BramaCircuit circuit) : ResilienceStrategy
{
    protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state) =>
        circuit.ExecuteAsync(callback, context, state, classifyResult: null);
}

/// <summary>The Brama circuit breaker of a <c>ResiliencePipelineBuilder&lt;TResult&gt;</c>: results are classified too.</summary>
/// <typeparam name="TResult">The pipeline's result type.</typeparam>
internal sealed class BramaResilienceStrategy<TResult>(BramaCircuit circuit, Func<TResult, Outcome> classifyResult)
    : ResilienceStrategy<TResult>
{
    protected override ValueTask<Outcome<TResult>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state) =>
        circuit.ExecuteAsync(callback, context, state, classifyResult);
}
