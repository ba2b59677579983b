using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.TripRules;

/// <summary>The windows and the window clock on their own: buckets, stripes, eviction, clearing and the clock's ticks.</summary>
public sealed class WindowTests
{
    [Fact]
    public void A_time_window_counts_the_current_bucket_and_the_ten_before_it()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 2);
        window.Record(100, Sample.Call);
        window.Record(105, Sample.Failure);
        window.Record(110, Sample.Slow | Sample.Failure);

        Assert.Equal(new WindowCounts(3, 2, 1), window.Counts(110));
        Assert.Equal(new WindowCounts(2, 2, 1), window.Counts(111));
        Assert.Equal(new WindowCounts(1, 1, 1), window.Counts(120));
        Assert.Equal(new WindowCounts(0, 0, 0), window.Counts(121));
    }

    [Fact]
    public void A_slot_reused_sixteen_buckets_later_starts_from_zero()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 1);
        window.Record(7, Sample.Failure);
        window.Record(7, Sample.Failure);

        window.Record(23, Sample.Call);

        Assert.Equal(new WindowCounts(1, 0, 0), window.Counts(23));
    }

    [Fact]
    public void A_recorder_with_a_bucket_just_older_than_the_words_adds_to_the_newer_bucket()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 1);
        window.Record(23, Sample.Failure);

        window.Record(7, Sample.Failure); // read its bucket long before 23 began, and lands in the same slot

        Assert.Equal(new WindowCounts(2, 2, 0), window.Counts(23));
    }

    [Fact]
    public void Clearing_forgets_everything_and_recording_goes_on()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 4);
        window.Record(3, Sample.Failure | Sample.Slow);

        window.Clear();
        Assert.Equal(default, window.Counts(3));
        window.Record(3, Sample.Call);

        Assert.Equal(new WindowCounts(1, 0, 0), window.Counts(3));
    }

    [Fact]
    public void A_count_window_keeps_exact_totals_through_eviction_and_clearing()
    {
        var window = new CountWindow(3);
        window.Record(Sample.Failure);
        window.Record(Sample.Slow);
        window.Record(Sample.Failure | Sample.Slow);
        Assert.Equal(new WindowCounts(3, 2, 2), window.Counts());

        window.Record(Sample.Call);
        window.Record(Sample.Call);
        Assert.Equal(new WindowCounts(3, 1, 1), window.Counts());

        window.Clear();
        Assert.Equal(default, window.Counts());
        window.Record(Sample.Failure);
        Assert.Equal(new WindowCounts(1, 1, 0), window.Counts());
    }

    [Fact]
    public void The_window_clock_moves_at_each_bucket_boundary_and_on_a_precise_observation()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var clock = new WindowClock(time, TimeSpan.FromSeconds(1));
        var start = clock.Current;

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(start, clock.Current);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(start + 1, clock.Current);
        time.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Equal(start + 6, clock.Current);

        Assert.Equal(start + 9, clock.Observe(time.GetTimestamp() + (3 * TimeSpan.TicksPerSecond)));
        Assert.Equal(start + 9, clock.Current);
        Assert.Equal(start + 6, clock.Observe(time.GetTimestamp())); // an older reading never moves it back
        Assert.Equal(start + 9, clock.Current);
    }

    [Fact]
    public void A_disposed_window_clock_stops()
    {
        var time = new FakeTimeProvider();
        var clock = new WindowClock(time, TimeSpan.FromSeconds(1));
        var start = clock.Current;

        clock.Dispose();
        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(start, clock.Current);
    }

    [Fact]
    public void Threads_that_share_a_stripe_count_exactly_through_the_shared_one()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 0);
        const int Threads = 4, Each = 50_000;
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < Each; i++)
            {
                window.Record(5, i % 5 == 0 ? Sample.Failure : Sample.Call);
            }
        })).ToList();
        threads.ForEach(static t => t.Start());
        threads.ForEach(static t => Assert.True(t.Join(TimeSpan.FromMinutes(1))));

        Assert.Equal(new WindowCounts(Threads * Each, Threads * Each / 5, 0), window.Counts(5));
    }

    [Fact]
    public void More_threads_than_owned_stripes_count_exactly_in_their_own_and_the_shared_stripe()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 2);
        const int Threads = 6, Each = 40_000;
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < Each; i++)
            {
                window.Record(8, i % 4 == 0 ? Sample.Failure | Sample.Slow : i % 4 == 1 ? Sample.Slow : Sample.Call);
            }
        })).ToList();
        threads.ForEach(static t => t.Start());
        threads.ForEach(static t => Assert.True(t.Join(TimeSpan.FromMinutes(1))));

        Assert.Equal(new WindowCounts(Threads * Each, Threads * Each / 4, Threads * Each / 2), window.Counts(8));
    }

    [Fact]
    public void A_window_without_the_slow_rule_keeps_no_slow_counters()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 2);

        window.Record(1, Sample.Slow | Sample.Failure);

        Assert.Equal(new WindowCounts(1, 1, 0), window.Counts(1));
    }

    [Fact]
    public void Clearing_many_times_in_one_bucket_never_brings_old_counts_back()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 1);
        window.Record(9, Sample.Failure);

        for (var i = 0; i < 1_000; i++)
        {
            window.Clear();
            Assert.Equal(default, window.Counts(9));
        }

        window.Record(9, Sample.Call);
        Assert.Equal(new WindowCounts(1, 0, 0), window.Counts(9));
    }
}
