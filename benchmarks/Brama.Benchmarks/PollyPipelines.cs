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

    private static ResiliencePipeline Build(CircuitBreakerManualControl? manualControl) =>
        new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(5),
                ManualControl = manualControl,
            })
            .Build();
}
