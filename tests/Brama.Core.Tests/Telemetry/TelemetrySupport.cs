using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;

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
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public Action<Instrument>? OnMeasurement { get; set; }

    /// <summary>The measurements whose <c>brama.connection</c> tag is <paramref name="connection"/>, in order.</summary>
    public IReadOnlyList<Measurement> Of(string connection) =>
        [.. _measurements.Where(m => m.Tags.TryGetValue("brama.connection", out var c) && (string?)c == connection)];

    public void RecordObservableInstruments() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        OnMeasurement?.Invoke(instrument);
        var copy = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy.Add(tag.Key, tag.Value);
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    internal sealed record Measurement(string Instrument, double Value, SortedDictionary<string, object?> Tags)
    {
        /// <summary>"instrument value key=value,…" with tags sorted: compact to assert on.</summary>
        public override string ToString() =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Instrument} {Value} {string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}"))}");
    }
}

/// <summary>
/// A real registry on a fake clock whose listener (events and telemetry) is handed signals through the engine's seam,
/// exactly as a connection hands them, with whatever data a test says. The connections come from a registry of their
/// own (metadata team=payments), so registering them publishes nothing here.
/// </summary>
internal sealed class SignalHarness : IDisposable
{
    private readonly ConnectionRegistry _connections;

    public SignalHarness(BramaOptions? options = null)
    {
        Registry = new ConnectionRegistry(options ?? new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, Time);
        _connections = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, Time);
    }

    public FakeTimeProvider Time { get; } = new(Brama.Core.Tests.Events.PublisherHarness.Start);

    public ConnectionRegistry Registry { get; }

    public EventBus Events => Registry.Events;

    /// <summary>Whether anything wants <paramref name="signal"/>, as the engine asks.</summary>
    public bool Wants(EngineSignal signal) => Registry.Demand.AudienceOf(signal) != SignalAudience.None;

    public void Publish(string connection, string? scope, EngineSignal signal, SignalData data)
    {
        var audience = Registry.Demand.AudienceOf(signal);
        if (audience != SignalAudience.None)
        {
            var handle = _connections.GetOrRegister(connection, scope, Brama.Core.Tests.Events.PublisherHarness.WithMetadata);
            Registry.Listener.OnSignal(handle, signal, in data, audience);
        }
    }

    public void Publish(string connection, EngineSignal signal, SignalData data) => Publish(connection, null, signal, data);

    public void PublishSuccess(string connection, string? scope = null, int tag = 0) =>
        Publish(connection, scope, EngineSignal.Succeeded, Brama.Core.Tests.Events.PublisherHarness.Closed(tag));

    public void Dispose()
    {
        Registry.Dispose();
        _connections.Dispose();
    }
}

/// <summary>A set of statuses the state gauge reads, as a registry's would be; <see cref="Broken"/> makes reading throw.</summary>
internal sealed class GaugeSource : ICircuitStateSource, IDisposable
{
    public GaugeSource() => BramaTelemetry.AddStateSource(this);

    public List<ConnectionStatus> Statuses { get; } = [];

    public bool Broken { get; set; }

    public IReadOnlyList<ConnectionStatus> Connections => Broken ? throw new InvalidOperationException("broken host") : [.. Statuses];

    public void Dispose() => BramaTelemetry.RemoveStateSource(this);
}
