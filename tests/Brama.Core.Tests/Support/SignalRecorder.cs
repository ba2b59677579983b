using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Brama.Core.Tests.Support;

/// <summary>One signal the registry published, as its events (or, for calls without events, its telemetry) show it.</summary>
internal sealed record RecordedSignal(string Identifier, string? Scope, EngineSignal Signal, SignalData Data);

/// <summary>
/// Records what a registry really publishes, as signals: every event through a stream subscription (its queue is
/// written on the publishing thread, so an action's events are there when it returns), turned back into the signals
/// that made them with the engine's own mapping (<see cref="SignalEvents"/>). With <c>telemetry</c>, the two signals
/// that make no event come from the real telemetry path: <see cref="EngineSignal.Rejected"/> from the
/// <c>brama.call.rejected</c> activity event (state and retry-after), <see cref="EngineSignal.Ignored"/> from
/// <c>brama.calls</c>; listeners are process-wide, so such tests run in <see cref="Telemetry.TelemetryCollection"/>.
/// </summary>
internal sealed class SignalRecorder : IDisposable
{
    private static readonly ActivitySource TestSource = new("Brama.Core.Tests.Recorder");

    private readonly object _gate = new();
    private readonly EventStream _stream;
    private readonly List<BramaEvent> _pending = [];
    private readonly List<RecordedSignal> _signals = [];
    private readonly MeterListener? _meters;
    private readonly ActivityListener? _activities;
    private readonly Activity? _activity;

    public SignalRecorder(ConnectionRegistry registry, bool telemetry)
    {
        _stream = registry.Events.Stream();
        if (!telemetry)
        {
            return;
        }

        _activities = new ActivityListener
        {
            ShouldListenTo = static source => source.Name is "Brama" or "Brama.Core.Tests.Recorder",
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
        _activity = TestSource.StartActivity("engine test");

        _meters = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument is { Name: "brama.calls" } && instrument.Meter.Name == "Brama")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => OnCall(tags));
        _meters.Start();
    }

    public IReadOnlyList<RecordedSignal> All
    {
        get
        {
            lock (_gate)
            {
                Drain();
                return [.. _signals];
            }
        }
    }

    public IReadOnlyList<EngineSignal> Kinds => [.. All.Select(static s => s.Signal)];

    public RecordedSignal Single(EngineSignal signal) => Assert.Single(All, s => s.Signal == signal);

    public void Clear()
    {
        lock (_gate)
        {
            Drain();
            _signals.Clear();
        }
    }

    public void Dispose()
    {
        _meters?.Dispose();
        _activity?.Dispose();
        _activities?.Dispose();
        _stream.Dispose();
    }

    private void OnCall(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null, connection = null, scope = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "brama.outcome": outcome = tag.Value as string; break;
                case "brama.connection": connection = tag.Value as string; break;
                case "brama.scope": scope = tag.Value as string; break;
            }
        }

        if (outcome is "ignored" or "rejected" && connection is not null)
        {
            lock (_gate)
            {
                Drain();
                var signal = outcome == "ignored" ? EngineSignal.Ignored : EngineSignal.Rejected;
                _signals.Add(new RecordedSignal(connection, scope, signal, default));
            }
        }
    }

    /// <summary>Moves the events queued so far into signals, reading each signal's events by the engine's mapping.</summary>
    private void Drain()
    {
        while (_stream.Subscription.TryDequeue(out var bramaEvent))
        {
            _pending.Add(bramaEvent);
        }

        FixRejections();
        var i = 0;
        while (i < _pending.Count)
        {
            var first = _pending[i];
            var signal = SignalOf(first.Type);
            var events = SignalEvents.Of(signal);
            if (_pending.Count - i < events.Length)
            {
                break; // the rest of this signal's events are still to come
            }

            i += events.Length;
            if (SignalEvents.IsTransition(signal) && first.Data.PreviousState != first.Data.NewState)
            {
                i++; // its StateChange
            }

            var data = first.Data;
            Trip? trip = data.TrippedBy is { } rule ? new Trip(rule, data.Reason, data.SampledCalls, data.TripRate) : null;
            _signals.Add(new RecordedSignal(first.Connection, first.Scope, signal,
                new SignalData(data.PreviousState, data.NewState, data.Reason, data.FailureCount, data.Openings, data.RetryAfter, data.IsManual, trip)));
        }

        _pending.RemoveRange(0, Math.Min(i, _pending.Count));
    }

    // A rejection's activity event comes right after its metric, on the same thread; its data is read from there.
    private void FixRejections()
    {
        if (_activity is null)
        {
            return;
        }

        // Each rejected signal recorded from the metric gets the state and retry-after of its activity event, in order.
        var rejections = _activity.Events.Where(static e => e.Name == "brama.call.rejected").ToList();
        var index = 0;
        for (var s = 0; s < _signals.Count && index < rejections.Count; s++)
        {
            if (_signals[s].Signal != EngineSignal.Rejected)
            {
                continue;
            }

            var tags = rejections[index++].Tags.ToDictionary(static t => t.Key, static t => t.Value);
            var state = (string?)tags["brama.state"] switch { "open" => CircuitState.Open, "half_open" => CircuitState.HalfOpen, _ => CircuitState.Closed };
            TimeSpan? retryAfter = tags.TryGetValue("brama.retry_after_ms", out var ms) ? TimeSpan.FromMilliseconds((double)ms!) : null;
            _signals[s] = _signals[s] with { Data = new SignalData(state, state, null, 0, 0, retryAfter, false) };
        }
    }

    private static EngineSignal SignalOf(EventType first)
    {
        for (var signal = 0; signal < EngineSignals.Count; signal++)
        {
            var events = SignalEvents.Of((EngineSignal)signal);
            if (events.Length > 0 && events[0] == first)
            {
                return (EngineSignal)signal;
            }
        }

        throw new InvalidOperationException($"No signal starts with {first}.");
    }
}
