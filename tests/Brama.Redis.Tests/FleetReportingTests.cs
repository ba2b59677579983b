using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Redis.Tests;

/// <summary>An outage, a reconnection and a re-sync are logged and counted; credentials come from the configuration string.</summary>
public sealed class FleetReportingTests : FleetTestBase
{
    [Fact]
    public async Task Outage_reconnection_and_resync_are_logged_and_counted_in_metrics()
    {
        using var metrics = new FleetMetrics();
        var logger = new ListLogger();
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, new FakeTimeProvider(Member.Start));
        await using var fleet = await RedisFleet.JoinAsync(
            registry, new RedisFleetOptions { FleetName = "reported", Configuration = Redis.Configuration, InstanceId = "a", Logger = logger }, TestContext.Current.CancellationToken);

        await Redis.StopAsync();
        await Eventually.HoldsAsync(() => logger.Has("FleetOutage"), "the outage to be logged");
        await Redis.StartAsync();
        await Eventually.HoldsAsync(() => logger.Has("FleetResynced") && fleet.Status.Resyncs >= 2, "the re-sync to be logged", TimeSpan.FromSeconds(30));

        Assert.True(logger.Has("FleetReconnected"));
        Assert.Contains(logger.Entries, e => e.Name == "FleetOutage" && e.Level == LogLevel.Warning && e.Message.StartsWith("Fleet reported: lost Redis", StringComparison.Ordinal));
        Assert.Equal(1, metrics.Total("brama.fleet.outages", "reported"));
        Assert.True(metrics.Total("brama.fleet.resyncs", "reported") >= 2);
    }

    [Fact]
    public async Task Credentials_come_from_the_configuration_string_and_a_wrong_one_leaves_the_instance_local()
    {
        await using var secured = new RedisServer("s3cret");
        await secured.StartAsync();
        using var registry = new ConnectionRegistry();
        var wrong = secured.Configuration.Replace("s3cret", "wrong", StringComparison.Ordinal);

        await using var right = await RedisFleet.JoinAsync(registry, new RedisFleetOptions { FleetName = "secured", Configuration = secured.Configuration }, TestContext.Current.CancellationToken);
        using var other = new ConnectionRegistry();
        await using var refused = await RedisFleet.JoinAsync(other, new RedisFleetOptions { FleetName = "secured", Configuration = wrong }, TestContext.Current.CancellationToken);

        Assert.True(right.Status.IsConnected);
        Assert.False(refused.Status.IsConnected);
        other.Register("payment_api", null, Member.FleetWide).ReportFailure();
        other.ReportFailure("payment_api");
        Assert.Equal(CircuitState.Open, other.TryGetStatus("payment_api", null, out var status) ? status.State : CircuitState.Closed);
    }

    private sealed class ListLogger : ILogger
    {
        public ConcurrentQueue<(string Name, LogLevel Level, string Message)> Entries { get; } = new();

        public bool Has(string name) => Entries.Any(e => e.Name == name);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId.Name ?? string.Empty, logLevel, formatter(state, exception)));
    }

    private sealed class FleetMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, string? Fleet, long Value)> _measurements = new();

        public FleetMetrics()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Brama" && instrument.Name.StartsWith("brama.fleet.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? fleet = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "brama.fleet")
                    {
                        fleet = tag.Value as string;
                    }
                }

                _measurements.Enqueue((instrument.Name, fleet, value));
            });
            _listener.Start();
        }

        public long Total(string instrument, string fleet) => _measurements.Where(m => m.Instrument == instrument && m.Fleet == fleet).Sum(static m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
