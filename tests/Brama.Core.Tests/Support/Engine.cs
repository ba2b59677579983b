using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Support;

/// <summary>
/// A registry on a <see cref="FakeTimeProvider"/>: the fixture of every engine test. Nothing listens unless the test
/// asks to record what is published (<c>recordSignals</c>), so the other tests run the path where nobody listens.
/// </summary>
internal sealed class Engine : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SignalRecorder? _signals;

    /// <summary>Creates the fixture; unless a test passes its own options, the periodic sweep is an hour away.</summary>
    /// <param name="options">The registry's options.</param>
    /// <param name="recordSignals">Record the events the registry publishes, as signals.</param>
    /// <param name="withTelemetry">Also record rejections and ignored calls, from the telemetry they publish.</param>
    public Engine(BramaOptions? options = null, bool recordSignals = false, bool withTelemetry = false)
    {
        Registry = new ConnectionRegistry(options ?? new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, Time);
        if (recordSignals || withTelemetry)
        {
            _signals = new SignalRecorder(Registry, withTelemetry);
        }
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>What the registry published since the fixture was made (or last cleared).</summary>
    public SignalRecorder Signals => _signals ?? throw new InvalidOperationException("Create the Engine with recordSignals: true.");

    public ConnectionRegistry Registry { get; }

    /// <summary>Options with short, distinct times, so that tests read well: 3 attempts, 10 s expiry, 5 s probe timeout.</summary>
    public static ConnectionOptions Options(Func<ConnectionOptions, ConnectionOptions>? change = null)
    {
        var options = new ConnectionOptions
        {
            MaxAttempts = 3,
            Expiry = TimeSpan.FromSeconds(10),
            ProbeTimeout = TimeSpan.FromSeconds(5),
        };
        return change is null ? options : change(options);
    }

    /// <summary>
    /// Advances the clock one cleanup interval at a time, so that each periodic sweep runs at its own time
    /// (<see cref="FakeTimeProvider.Advance"/> runs every due timer callback at the final time).
    /// </summary>
    public void Elapse(TimeSpan total)
    {
        var step = Registry.Options.CleanupInterval;
        for (; total > step; total -= step)
        {
            Time.Advance(step);
        }

        Time.Advance(total);
    }

    public Connection Register(string identifier = "api", ConnectionOptions? options = null, string? scope = null) =>
        Registry.Register(identifier, scope, options ?? Options());

    /// <summary>Registers a connection and trips it open with consecutive failures.</summary>
    public Connection RegisterOpen(string identifier = "api", ConnectionOptions? options = null)
    {
        var connection = Register(identifier, options);
        Trip(connection);
        return connection;
    }

    /// <summary>Registers a connection, trips it and lets its expiry pass: half-open, no probe in flight.</summary>
    public Connection RegisterHalfOpen(string identifier = "api", ConnectionOptions? options = null)
    {
        var connection = RegisterOpen(identifier, options);
        Time.Advance(connection.GetStatus().RetryAfter!.Value);
        Assert.Equal(CircuitState.HalfOpen, connection.State);
        return connection;
    }

    public static void Trip(Connection connection)
    {
        for (var i = 0; i < connection.Options.MaxAttempts; i++)
        {
            Assert.True(connection.TryAcquire(out var permit));
            permit.Complete(Outcome.Failure("boom"));
        }

        Assert.Equal(CircuitState.Open, connection.State);
    }

    public static CallPermit Acquire(Connection connection)
    {
        Assert.True(connection.TryAcquire(out var permit), $"{connection} rejected the call.");
        return permit;
    }

    public void Dispose()
    {
        _signals?.Dispose();
        Registry.Dispose();
    }
}
