using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Brama.Core.Tests.Telemetry;

/// <summary>
/// Telemetry listeners are process-wide and change what <c>IsObserved</c> answers, so these tests never run in
/// parallel with any other; they also filter measurements by their own connection names.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>Captures measurements of the "Brama" meter's instruments.</summary>
internal sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();

    public MetricsCapture(params string[] instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Brama" && instruments.Contains(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public Action<Instrument>? OnMeasurement { get; set; }

    /// <summary>The measurements whose <c>brama.connection</c> tag is <paramref name="connection"/>, in order.</summary>
    public IReadOnlyList<Measurement> Of(string connection) =>
        [.. _measurements.Where(m => m.Tags.TryGetValue("brama.connection", out var c) && (string?)c == connection)];

    public void RecordObservableInstruments() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        OnMeasurement?.Invoke(instrument);
        var copy = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy.Add(tag.Key, tag.Value);
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    internal sealed record Measurement(string Instrument, long Value, SortedDictionary<string, object?> Tags)
    {
        /// <summary>"instrument value key=value,…" with tags sorted: compact to assert on.</summary>
        public override string ToString() => $"{Instrument} {Value} {string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}"))}";
    }
}
