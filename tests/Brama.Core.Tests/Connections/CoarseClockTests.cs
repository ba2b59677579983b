using Brama.Core.Tests.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Connections;

/// <summary>
/// An open circuit may reject on the coarse system tick instead of a precise read, but only when the end of its break
/// is certainly ahead: a wrong "certainly" would keep a healed circuit shut. The bound is checked on fixed counter
/// values, then on the real system clock with long and short breaks, and the engine must fall back to the precise path
/// whenever anyone observes rejections or the clock is not the system's.
/// </summary>
public class CoarseClockTests
{
    private const long PerMillisecond = 1_000;
    private static readonly CoarseClock.Calibration Calibrated = new(Tick: 10_000, Precise: 5_000_000);

    [Fact]
    public void A_deadline_beyond_the_elapsed_coarse_time_plus_the_margin_is_certainly_ahead()
    {
        // 200 ms after the calibration, the precise clock reads at most 5,000,000 + (200 + 50) ms of timestamps.
        var latest = 5_000_000 + ((200 + CoarseClock.MarginMilliseconds) * PerMillisecond);

        Assert.True(CoarseClock.IsCertainlyBefore(latest + 1, tick: 10_200, Calibrated, PerMillisecond));
        Assert.False(CoarseClock.IsCertainlyBefore(latest, tick: 10_200, Calibrated, PerMillisecond));
        Assert.False(CoarseClock.IsCertainlyBefore(5_000_000, tick: 10_000, Calibrated, PerMillisecond));
    }

    [Fact]
    public void A_calibration_older_than_its_lifetime_answers_nothing()
    {
        var tick = Calibrated.Tick + CoarseClock.CalibrationLifetimeMilliseconds;

        Assert.True(CoarseClock.IsCertainlyBefore(long.MaxValue, tick, Calibrated, PerMillisecond));
        Assert.False(CoarseClock.IsCertainlyBefore(long.MaxValue, tick + 1, Calibrated, PerMillisecond));
    }

    [Fact]
    public void Only_the_system_clock_is_read_coarsely()
    {
        var fake = new FakeTimeProvider();

        Assert.False(CoarseClock.IsCertainlyBefore(fake, long.MaxValue));
        Assert.True(CoarseClock.IsCertainlyBefore(TimeProvider.System, long.MaxValue));
    }

    [Fact]
    public void On_the_system_clock_an_hour_ahead_is_certain_and_a_few_milliseconds_are_not()
    {
        var system = TimeProvider.System;
        var now = system.GetTimestamp();

        // The coarse estimate of now is at least the margin minus the tick's granularity (at most 16 ms) ahead.
        Assert.True(CoarseClock.IsCertainlyBefore(system, now + (system.TimestampFrequency * 3_600)));
        Assert.False(CoarseClock.IsCertainlyBefore(system, now + (system.TimestampFrequency / 100)));
        Assert.False(CoarseClock.IsCertainlyBefore(system, now));
    }

    [Fact]
    public void An_open_circuit_on_the_system_clock_rejects_until_it_is_closed()
    {
        using var registry = new ConnectionRegistry(timeProvider: TimeProvider.System);
        var connection = registry.Register("coarse");
        registry.Open("coarse", reason: "maintenance", expiry: TimeSpan.FromHours(1));

        for (var i = 0; i < 1_000; i++)
        {
            Assert.False(connection.TryAcquire(out _));
        }

        registry.Close("coarse");
        Assert.True(connection.TryAcquire(out var permit));
        permit.Complete(Outcome.Success);
    }
}

/// <summary>When a listener counts rejections, each one still goes through the precise path and is counted.</summary>
[Collection(TelemetryCollection.Name)]
public class CoarseRejectionTelemetryTests
{
    [Fact]
    public void Rejections_on_the_system_clock_are_all_counted_while_a_listener_observes_them()
    {
        using var metrics = new MetricsCapture("brama.calls");
        using var registry = new ConnectionRegistry(timeProvider: TimeProvider.System);
        var connection = registry.Register("coarse-observed");
        registry.Open("coarse-observed", reason: "maintenance", expiry: TimeSpan.FromHours(1));

        for (var i = 0; i < 5; i++)
        {
            Assert.False(connection.TryAcquire(out _));
        }

        Assert.Equal(5, metrics.Of("coarse-observed").Count(m => m.ToString().Contains("brama.outcome=rejected", StringComparison.Ordinal)));
    }
}
