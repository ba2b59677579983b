using Polly;
using Polly.CircuitBreaker;

namespace Brama.Benchmarks;

/// <summary>Polly v8 circuit-breaker pipelines configured like the Brama connections they are compared with.</summary>
internal static class PollyPipelines
{
    public static ResiliencePipeline Closed() => Build(manualControl: null);

    public static ResiliencePipeline Isolated()
    {
        var control = new CircuitBreakerManualControl();
        var pipeline = Build(control);
        control.IsolateAsync().GetAwaiter().GetResult();
        return pipeline;
    }

    /// <summary>Failure ratio 0.5 over 10 s from 10 calls, a 5 s break.</summary>
    public static CircuitBreakerStrategyOptions Options(CircuitBreakerManualControl? manualControl = null) => new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 10,
        SamplingDuration = TimeSpan.FromSeconds(10),
        BreakDuration = TimeSpan.FromSeconds(5),
        ManualControl = manualControl,
    };

    private static ResiliencePipeline Build(CircuitBreakerManualControl? manualControl) =>
        new ResiliencePipelineBuilder().AddCircuitBreaker(Options(manualControl)).Build();
}
