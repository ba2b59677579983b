using Brama.Core.Tests.Support;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Model;

/// <summary>
/// Random sequences of registry operations run against the real registry and the reference model of §2.3; after every
/// step each connection's status must agree. A divergence fails with the shortest sequence CsCheck can shrink it to.
/// The cleanup timer is set beyond the test's horizon, so sweeps happen only where a sequence asks for one.
/// </summary>
public sealed class ModelBasedTests
{
    private static readonly int Sequences = TestScale.Of(full: 10_000, quick: 400);

    [Fact]
    public void The_registry_agrees_with_the_reference_model_over_random_sequences()
    {
        ModelStep.Any.Array[1, 80].Sample(
            steps => new ModelRun().Execute(steps),
            iter: Sequences,
            print: static steps => Environment.NewLine + string.Join(Environment.NewLine, steps.Select(static (s, i) => $"  {i + 1,2}. {s}")));
    }

    [Fact]
    public void A_divergence_is_reported_with_the_failing_step()
    {
        // The check itself must be able to fail: a model told a wrong option set sees the registry disagree.
        var run = new ModelRun(modelOptionsOverride: ModelStep.OptionSets[2]);
        ModelStep[] steps = [new ModelStep.Register(0, 0), new ModelStep.Acquire(0), new ModelStep.Complete(0, OutcomeKind.Failure)];

        var error = Assert.Throws<InvalidOperationException>(() => run.Execute(steps));

        Assert.Contains("step 3 Complete(permit 0, Failure)", error.Message);
        Assert.Contains("alpha: State real Closed, model Open", error.Message);
    }

    private sealed class ModelRun(ConnectionOptions? modelOptionsOverride = null)
    {
        private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        private readonly Dictionary<int, ReferenceCircuit> _model = [];
        private readonly List<(PermitBox Real, ReferencePermit Model)> _outstanding = [];
        private readonly List<(PermitBox Real, ReferencePermit Model)> _completed = [];
        private long _now;

        public bool Execute(ModelStep[] steps)
        {
            using var registry = new ConnectionRegistry(
                new BramaOptions { CleanupInterval = BramaOptions.MaxCleanupInterval }, _time);
            for (var i = 0; i < steps.Length; i++)
            {
                var result = Apply(registry, steps[i]);
                Compare(registry, $"step {i + 1} {steps[i]}", result);
            }

            return true;
        }

        private (bool Real, bool Model)? Apply(ConnectionRegistry registry, ModelStep step)
        {
            switch (step)
            {
                case ModelStep.Register(var key, var options):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    var real = registry.TryRegister(id, scope, ModelStep.OptionSets[options], out _);
                    var model = _model.TryAdd(key, new ReferenceCircuit(modelOptionsOverride ?? ModelStep.OptionSets[options]));
                    return (real, model);
                }

                case ModelStep.Unregister(var key):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    return (registry.Unregister(id, scope), _model.Remove(key));
                }

                case ModelStep.Acquire(var key):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    var box = new PermitBox();
                    var real = registry.TryGet(id, scope, out var connection) && connection.TryAcquire(out box.Permit);
                    var model = _model.TryGetValue(key, out var circuit) ? circuit.TryAcquire(_now) : null;
                    if (real && model is not null)
                    {
                        _outstanding.Add((box, model));
                        return box.Permit.IsProbe == model.IsProbe ? (true, true) : (box.Permit.IsProbe, model.IsProbe);
                    }

                    return (real, model is not null);
                }

                case ModelStep.Complete(var index, var outcome) when _outstanding.Count > 0:
                {
                    var (box, model) = _outstanding[index % _outstanding.Count];
                    _outstanding.Remove((box, model));
                    _completed.Add((box, model));
                    box.Permit.Complete(ToOutcome(outcome));
                    model.Circuit.Complete(model, outcome, _now);
                    return null;
                }

                case ModelStep.CompleteAgain(var index) when _completed.Count > 0:
                {
                    var (box, _) = _completed[index % _completed.Count];
                    box.Permit.Complete(Outcome.Failure("completed twice"));
                    return null;
                }

                case ModelStep.Report(var key, var outcome, var duration):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    var real = registry.TryGet(id, scope, out var connection) && (duration, outcome) switch
                    {
                        (null, OutcomeKind.Success) => connection.ReportSuccess(),
                        (null, _) => connection.ReportFailure("reported"),
                        ({ } d, OutcomeKind.Success) => connection.ReportSuccess(d),
                        ({ } d, _) => connection.ReportFailure(d, "reported"),
                    };
                    return (real, WithCircuit(key, c => c.Report(outcome, _now, duration)));
                }

                case ModelStep.ManualOpen(var key, var expiry):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    return (registry.Open(id, scope, "manual", expiry), WithCircuit(key, c => c.ManualOpen(_now, expiry)));
                }

                case ModelStep.ManualClose(var key):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    return (registry.Close(id, scope, "manual"), WithCircuit(key, c => c.ManualClose(_now)));
                }

                case ModelStep.Reset(var key):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    return (registry.Reset(id, scope, "manual"), WithCircuit(key, c => c.Reset(_now)));
                }

                case ModelStep.Configure(var key, var options):
                {
                    var (id, scope) = ModelStep.Keys[key];
                    var real = registry.Configure(id, scope, ModelStep.OptionSets[options]);
                    return (real, WithCircuit(key, c => c.Options = modelOptionsOverride ?? ModelStep.OptionSets[options]));
                }

                case ModelStep.Advance(var by):
                    _time.Advance(by);
                    _now += by.Ticks;
                    return null;

                case ModelStep.Cleanup:
                    registry.RunCleanup();
                    foreach (var circuit in _model.Values)
                    {
                        circuit.Refresh(_now);
                    }

                    return null;

                default:
                    return null;
            }
        }

        private bool WithCircuit(int key, Action<ReferenceCircuit> action)
        {
            if (!_model.TryGetValue(key, out var circuit))
            {
                return false;
            }

            action(circuit);
            return true;
        }

        private void Compare(ConnectionRegistry registry, string step, (bool Real, bool Model)? result)
        {
            var differences = new List<string>();
            if (result is { } r && r.Real != r.Model)
            {
                differences.Add($"result real {r.Real}, model {r.Model}");
            }

            for (var key = 0; key < ModelStep.Keys.Length; key++)
            {
                var (id, scope) = ModelStep.Keys[key];
                var name = ModelStep.Describe(key);
                var exists = registry.TryGetStatus(id, scope, out var status);
                if (!_model.TryGetValue(key, out var circuit))
                {
                    if (exists)
                    {
                        differences.Add($"{name}: registered in the registry only");
                    }

                    continue;
                }

                if (!exists)
                {
                    differences.Add($"{name}: registered in the model only");
                    continue;
                }

                circuit.Refresh(_now);
                Check(differences, name, "State", status!.State, circuit.State);
                Check(differences, name, "FailureCount", status.FailureCount, circuit.FailureCount);
                Check(differences, name, "ConsecutiveOpenings", status.ConsecutiveOpenings, circuit.Openings);
                Check(differences, name, "ProbesInFlight", status.ProbesInFlight, circuit.ProbesInFlight);
                TimeSpan? retryAfter = circuit.State == CircuitState.Open ? TimeSpan.FromTicks(Math.Max(0, circuit.ExpiresAt - _now)) : null;
                Check(differences, name, "RetryAfter", status.RetryAfter, retryAfter);
                var window = circuit.Window(_now);
                Check(differences, name, "SampledCalls", status.SampledCalls, window.Calls);
                Check(differences, name, "SampledFailures", status.SampledFailures, window.Failures);
                Check(differences, name, "SampledSlowCalls", status.SampledSlowCalls, window.Slow);
            }

            if (differences.Count > 0)
            {
                throw new InvalidOperationException($"Divergence after {step}: {string.Join("; ", differences)}");
            }
        }

        private static void Check<T>(List<string> differences, string name, string what, T real, T model)
        {
            if (!EqualityComparer<T>.Default.Equals(real, model))
            {
                differences.Add($"{name}: {what} real {real}, model {model}");
            }
        }

        private static Outcome ToOutcome(OutcomeKind kind) => kind switch
        {
            OutcomeKind.Success => Outcome.Success,
            OutcomeKind.Failure => Outcome.Failure("failed"),
            _ => Outcome.Ignore,
        };
    }

    /// <summary>Holds a permit in a variable the test can complete later (it is a mutable struct).</summary>
    private sealed class PermitBox
    {
        public CallPermit Permit;
    }
}
