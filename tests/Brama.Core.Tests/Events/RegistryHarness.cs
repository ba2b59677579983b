using System.Collections.ObjectModel;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Events;

/// <summary>
/// A real registry on a fake clock with one subscriber to every event. <see cref="EventsOfAsync"/> runs an action and
/// returns exactly the events it published: a fence connection registered after it marks the end.
/// </summary>
internal sealed class RegistryHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<string, string> Metadata =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["team"] = "payments" });

    private static readonly ConnectionOptions FenceOptions = new() { InactivityTimeout = null };

    private int _position;
    private int _fences;

    public RegistryHarness(BramaOptions? options = null)
    {
        Registry = new ConnectionRegistry(options ?? new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, Time);
        Subscription = Registry.Events.Subscribe(Recorder.Record);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ConnectionRegistry Registry { get; }

    public EventRecorder Recorder { get; } = new();

    public Subscription Subscription { get; }

    /// <summary>3 attempts, 10 s fixed expiry, 5 s probe timeout, metadata team=payments.</summary>
    public static ConnectionOptions Options { get; } = new()
    {
        MaxAttempts = 3,
        Expiry = TimeSpan.FromSeconds(10),
        ProbeTimeout = TimeSpan.FromSeconds(5),
        Metadata = Metadata,
    };

    /// <summary>"Type Previous->New failures=… openings=… reason=… retryAfter=…s manual=…": every data field but metadata.</summary>
    public static string Describe(BramaEvent e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Type} {e.Data.PreviousState}->{e.Data.NewState} failures={e.Data.FailureCount} openings={e.Data.Openings} " +
        $"reason={e.Data.Reason ?? "-"} retryAfter={(e.Data.RetryAfter is { } r ? r.TotalSeconds + "s" : "-")} manual={e.Data.IsManual}");

    public Connection Register(string identifier = "api", string? scope = null) => Registry.Register(identifier, scope, Options);

    /// <summary>Runs <paramref name="action"/> and returns the events it published, in order.</summary>
    public async Task<IReadOnlyList<BramaEvent>> EventsOfAsync(Action action)
    {
        action();
        var fence = $"fence-{++_fences}";
        Registry.Register(fence, null, FenceOptions);
        var all = await Recorder.WaitUntilAsync(events => events.Any(e => e.Connection == fence));
        var end = all.Select((e, i) => (e, i)).First(x => x.e.Connection == fence).i;
        var published = all.Skip(_position).Take(end - _position).ToList();
        _position = end + 2; // the fence's Registration and ConnectionRegistered
        return published;
    }

    public async Task<IReadOnlyList<string>> DescribedEventsOfAsync(Action action) => [.. (await EventsOfAsync(action)).Select(Describe)];

    /// <summary>Registers "api", trips it, lets the expiry pass and takes the probe; the events so far are consumed.</summary>
    public async Task<CallPermit> TakeProbeAsync()
    {
        var connection = Register();
        Fail(connection, 3);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(connection.TryAcquire(out var probe));
        Assert.True(probe.IsProbe);
        await EventsOfAsync(() => { });
        return probe;
    }

    public static void Fail(Connection connection, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(connection.TryAcquire(out var permit));
            permit.Complete(Outcome.Failure("boom"));
        }
    }

    public void Dispose() => Registry.Dispose();
}
