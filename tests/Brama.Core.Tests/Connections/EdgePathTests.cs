using Brama.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Connections;

/// <summary>
/// Paths a plain call sequence rarely takes: rejections as activity, a probe timeout noticed by a rejected call or a
/// report, a late success of an earlier episode, and an expiry that would run past the end of the clock.
/// </summary>
[Collection(Telemetry.TelemetryCollection.Name)]
public sealed class EdgePathTests
{
    private static readonly BramaOptions EveryTenSeconds = new() { CleanupInterval = TimeSpan.FromSeconds(10) };

    [Fact]
    public void Rejected_calls_keep_a_half_open_connection_from_being_removed_as_idle()
    {
        using var engine = new Engine(EveryTenSeconds);
        var connection = engine.RegisterHalfOpen("api", Engine.Options(static o => o with
        {
            InactivityTimeout = TimeSpan.FromSeconds(30), ProbeTimeout = TimeSpan.FromHours(1),
        }));
        var probe = Engine.Acquire(connection);

        for (var i = 0; i < 12; i++)
        {
            engine.Elapse(TimeSpan.FromSeconds(10));
            Assert.False(connection.TryAcquire(out _));
        }

        Assert.True(connection.IsRegistered);
        probe.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void A_call_rejected_because_the_probe_timed_out_is_told_when_to_retry()
    {
        using var engine = new Engine(withTelemetry: true);
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(5));
        engine.Signals.Clear();

        Assert.False(connection.TryAcquire(out _));

        Assert.Equal([EngineSignal.Opened, EngineSignal.Rejected], engine.Signals.Kinds);
        var rejected = engine.Signals.Single(EngineSignal.Rejected);
        Assert.Equal(CircuitState.Open, rejected.Data.NewState);
        Assert.Equal(TimeSpan.FromSeconds(10), rejected.Data.RetryAfter);
    }

    [Fact]
    public void A_report_after_the_expiry_is_a_failed_probe_even_if_nothing_noticed_the_expiry()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.RegisterOpen();
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        engine.Signals.Clear();

        connection.ReportFailure("still down");

        Assert.Equal(
            [EngineSignal.Expired, EngineSignal.HalfOpened, EngineSignal.Failed, EngineSignal.Opened],
            engine.Signals.Kinds);
        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(2, status.ConsecutiveOpenings);
        Assert.Equal("still down", status.LastReason);
    }

    [Fact]
    public void A_late_success_of_an_earlier_episode_is_still_recorded()
    {
        using var engine = new Engine(recordSignals: true);
        var connection = engine.Register();
        Engine.Acquire(connection).Complete(Outcome.Success);
        var late = Engine.Acquire(connection);
        engine.Registry.Open("api");
        engine.Registry.Close("api");
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        engine.Signals.Clear();

        late.Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(Engine.Start + TimeSpan.FromSeconds(1), status.LastSuccessAt);
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal([EngineSignal.Succeeded], engine.Signals.Kinds);
    }

    [Fact]
    public void An_expiry_past_the_end_of_the_clock_ends_there_instead_of_wrapping_around()
    {
        var clock = new ClockNearItsEnd(TimeSpan.FromDays(1));
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromDays(1) }, clock);
        var connection = registry.Register("api", null, new ConnectionOptions { MaxAttempts = 1, Expiry = ConnectionOptions.MaxTime });

        Assert.True(connection.TryAcquire(out var permit));
        permit.Complete(Outcome.Failure("down"));
        clock.Fake.Advance(TimeSpan.FromHours(23));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(TimeSpan.FromHours(1), status.RetryAfter);
        Assert.False(connection.TryAcquire(out _));
    }

    /// <summary>A clock whose timestamps are <c>remaining</c> short of <see cref="long.MaxValue"/>.</summary>
    private sealed class ClockNearItsEnd(TimeSpan remaining) : TimeProvider
    {
        private readonly long _offset = long.MaxValue - remaining.Ticks;

        public FakeTimeProvider Fake { get; } = new(Engine.Start);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _offset + (Fake.GetUtcNow() - Engine.Start).Ticks;

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Fake.CreateTimer(callback, state, dueTime, period);
    }
}
