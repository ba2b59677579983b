using System.Reflection;

namespace Brama.Core.Tests.TripRules;

/// <summary>
/// The time window's words at their edges: counts that saturate, epochs past the sign bit, a late recorder in a later
/// epoch, which stripe a thread writes and the reuse of ended threads' ids; and the window clock on timestamps before zero.
/// </summary>
public sealed class WindowWordTests
{
    private const long CountMask = (1L << 28) - 1;

    [Fact]
    public void A_count_saturates_at_its_largest_value_instead_of_spilling_into_the_bucket()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 1);
        window.Record(5, Sample.Call);
        var words = Mine(window);
        var at = Array.FindIndex(words, static w => w != 0);
        words[at] |= CountMask; // the owner's word, as if 2^28 − 1 calls had been recorded

        window.Record(5, Sample.Call);
        window.Record(5, Sample.Call);

        Assert.Equal((int)CountMask, window.Counts(5).Calls);
        Assert.Equal((int)CountMask, window.Counts(15).Calls); // still bucket 5's: the bucket bits are intact
        Assert.Equal(0, window.Counts(16).Calls);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2048)] // the epoch's top bit is the word's sign bit from here on
    [InlineData(4095)]
    public void A_recorder_late_by_a_bucket_adds_to_the_newer_bucket_in_any_epoch(int clears)
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 1);
        for (var i = 0; i < clears; i++)
        {
            window.Clear();
        }

        window.Record(21, Sample.Failure);
        window.Record(5, Sample.Failure); // read its bucket before 21 began, lands in the same slot

        Assert.Equal(new WindowCounts(2, 2, 0), window.Counts(21));
        Assert.Equal(new WindowCounts(2, 2, 0), window.Counts(31));
        Assert.Equal(default, window.Counts(32));
    }

    [Fact]
    public void A_word_of_an_older_epoch_is_started_again_not_added_to()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 1);
        for (var i = 0; i < 2048; i++)
        {
            window.Clear();
        }

        window.Record(9, Sample.Failure);
        window.Clear();
        window.Record(9, Sample.Call);

        Assert.Equal(new WindowCounts(1, 0, 0), window.Counts(9));
    }

    [Fact]
    public void Each_thread_that_records_writes_a_stripe_of_its_own()
    {
        const int Owned = 64;
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: Owned);
        var mine = RecorderId.Current;
        window.Record(3, Sample.Call);

        var theirs = -1;
        var other = new Thread(() =>
        {
            theirs = RecorderId.Current;
            window.Record(3, Sample.Failure);
        });
        other.Start();
        Assert.True(other.Join(TimeSpan.FromMinutes(1)));

        Assert.NotEqual(mine, theirs); // both threads live: no two hold one id
        Assert.Equal(new WindowCounts(2, 1, 0), window.Counts(3));
        var stripes = Stripes(window);
        Assert.Equal(1, stripes[mine]![3] & CountMask);
        Assert.Equal(1, stripes[theirs]![3] & CountMask);
        Assert.Equal(1, stripes[theirs]![16 + 3] & CountMask);
        Assert.Equal(0, stripes[mine]![16 + 3]);
        Assert.Equal(2, stripes.Count(static s => s is not null)); // a stripe for each thread that recorded, no more
        Assert.All(Shared(window), static w => Assert.Equal(0, w));
    }

    [Fact]
    public void A_window_grows_its_stripes_to_the_ids_that_record_and_keeps_the_stripes_it_had()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 64);
        var mine = RecorderId.Current;
        window.Record(1, Sample.Failure);
        var before = Stripes(window)[mine];

        var ids = new List<int>();
        var threads = Enumerable.Range(0, 5).Select(_ => new Thread(() =>
        {
            lock (ids)
            {
                ids.Add(RecorderId.Current);
            }

            window.Record(1, Sample.Call);
        })).ToList();
        threads.ForEach(static t => t.Start());
        threads.ForEach(static t => Assert.True(t.Join(TimeSpan.FromMinutes(1))));
        window.Record(1, Sample.Call);

        Assert.Equal(new WindowCounts(7, 1, 0), window.Counts(1));
        Assert.Same(before, Stripes(window)[mine]);
        Assert.Equal(2, before![1] & CountMask);
        Assert.True(Stripes(window).Length > ids.Max());
    }

    [Fact]
    public void An_owned_stripe_counts_a_failure_and_a_slow_call_each_in_its_own_counter()
    {
        var slowCounting = new TimeWindow(countsSlowCalls: true, ownedStripes: 64);
        var notSlowCounting = new TimeWindow(countsSlowCalls: false, ownedStripes: 64);

        slowCounting.Record(2, Sample.Slow);
        slowCounting.Record(2, Sample.Failure);
        slowCounting.Record(2, Sample.Failure | Sample.Slow);
        notSlowCounting.Record(2, Sample.Slow);
        notSlowCounting.Record(2, Sample.Failure | Sample.Slow);

        Assert.Equal(new WindowCounts(3, 2, 2), slowCounting.Counts(2));
        Assert.Equal(new WindowCounts(2, 1, 0), notSlowCounting.Counts(2));
    }

    [Fact]
    public void A_thread_whose_id_is_the_count_of_owned_stripes_records_in_the_shared_stripe()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: RecorderId.Current);

        window.Record(6, Sample.Failure);

        Assert.Equal(new WindowCounts(1, 1, 0), window.Counts(6));
        Assert.Equal([1L, 1L], Shared(window).Select(static w => w & CountMask).Where(static c => c != 0));
        Assert.Empty(Stripes(window));
    }

    [Fact]
    public void A_window_grows_its_stripes_only_as_far_as_the_ids_that_record()
    {
        var window = new TimeWindow(countsSlowCalls: false, ownedStripes: 64);

        window.Record(6, Sample.Call);

        Assert.Equal(RecorderId.Current + 1, Stripes(window).Length);
    }

    [Fact]
    public void Every_thread_records_in_the_shared_stripe_of_a_window_with_no_owned_stripes()
    {
        var window = new TimeWindow(countsSlowCalls: true, ownedStripes: 0);

        window.Record(4, Sample.Failure | Sample.Slow);

        Assert.Equal(new WindowCounts(1, 1, 1), window.Counts(4));
        Assert.Equal([1L, 1L, 1L], Shared(window).Select(static w => w & CountMask).Where(static c => c != 0));
        Assert.Empty(Stripes(window));
    }

    [Fact]
    public void The_pool_hands_out_the_lowest_free_id_and_takes_new_ones_only_when_none_is_free()
    {
        var pool = new RecorderId.IdPool();
        Assert.Equal([0, 1, 2, 3], [pool.Take(), pool.Take(), pool.Take(), pool.Take()]);

        pool.Give(2);
        pool.Give(0);

        Assert.Equal([0, 2, 4], [pool.Take(), pool.Take(), pool.Take()]);
        Assert.Equal(5, pool.HandedOut);
    }

    [Fact]
    public void The_id_of_a_thread_that_ended_is_handed_out_again()
    {
        var before = RecorderId.HandedOut;
        for (var i = 0; i < 100; i++)
        {
            var thread = new Thread(static () => _ = RecorderId.Current);
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromMinutes(1)));
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // Without reuse, 100 threads would take 100 new ids; other tests' threads may take a few meanwhile.
        Assert.InRange(RecorderId.HandedOut - before, 0, 20);
    }

    [Fact]
    public void A_window_without_the_slow_rule_keeps_two_counters_per_stripe()
    {
        var plain = new TimeWindow(countsSlowCalls: false, ownedStripes: 64);
        var slow = new TimeWindow(countsSlowCalls: true, ownedStripes: 64);
        plain.Record(0, Sample.Call);
        slow.Record(0, Sample.Call);

        Assert.Equal(2 * 16, Mine(plain).Length);
        Assert.Equal(3 * 16, Mine(slow).Length);
        Assert.Equal(2 * 16, Shared(plain).Length);
        Assert.Equal((2 * 16 * 8) + 24, TimeWindow.BytesPerStripe(countsSlowCalls: false));
        Assert.Equal((3 * 16 * 8) + 24, TimeWindow.BytesPerStripe(countsSlowCalls: true));
    }

    [Fact]
    public void The_window_clock_floors_timestamps_before_zero_into_their_bucket()
    {
        var time = new NegativeTime { Timestamp = -1 };
        using var clock = new WindowClock(time, TimeSpan.FromTicks(10));

        Assert.Equal(-1, clock.Current);
        Assert.Equal(-1, clock.Observe(-10));
        Assert.Equal(-2, clock.Observe(-11));
        Assert.Equal(0, clock.Observe(0));
        Assert.Equal(-3, clock.Observe(-25));
        Assert.Equal(0, clock.Current); // an older time never moves the clock back
        Assert.Equal(2, clock.Observe(29));
        Assert.Equal(2, clock.Current);
    }

    private static long[]?[] Stripes(TimeWindow window) =>
        (long[]?[])typeof(TimeWindow).GetField("_stripes", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(window)!;

    private static long[] Shared(TimeWindow window) =>
        (long[])typeof(TimeWindow).GetField("_shared", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(window)!;

    // The words this thread records in: its own stripe, or the shared one when its id is past the window's owned stripes.
    private static long[] Mine(TimeWindow window) =>
        Stripes(window) is var stripes && RecorderId.Current < stripes.Length && stripes[RecorderId.Current] is { } own ? own : Shared(window);

    /// <summary>A clock whose timestamps are ticks and may be negative (the system's never are; nothing forbids it).</summary>
    private sealed class NegativeTime : TimeProvider
    {
        public long Timestamp { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Timestamp;
    }
}
