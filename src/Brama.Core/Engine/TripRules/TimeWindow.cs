using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A sliding time window of ten buckets plus the current one; exact (every recorded outcome is counted once) and,
/// once a thread has its stripe, without a lock. An outcome recorded in bucket b is counted while the current bucket
/// is at most b + 10, so it is forgotten no sooner than ten bucket widths and no later than eleven.
/// </summary>
/// <remarks>
/// <para>
/// Counters are striped. Each recording thread holds a small id that no other live thread holds
/// (<see cref="RecorderId"/>: ids of threads that ended are handed out again), and the thread whose id is a stripe's
/// number is that stripe's only writer: it updates its words with plain stores, no lock prefix, on cache lines no
/// other thread writes. A window makes a thread's stripe at its first record there (under the window's lock), so it
/// keeps as many stripes as threads have recorded in it; a thread whose id is <see cref="MaxOwnedStripes"/> or more
/// records in one shared stripe by compare-and-swap.
/// </para>
/// <para>
/// A counter is one 64-bit word: a 12-bit epoch, the low 24 bits of its bucket's number and a 28-bit count (which
/// saturates). Recording starts a word again when it holds an older bucket or epoch; a recorder whose bucket is older
/// than the word's (it read the clock just before a boundary) adds to the newer one. Clearing moves the epoch on, so it
/// never writes a word a thread owns; a record racing with it may count in the old epoch and be forgotten. Words
/// alias only after 2^24 buckets (46 hours of 10 ms buckets) or 4,096 clears within one bucket.
/// </para>
/// </remarks>
internal sealed class TimeWindow
{
    public const int Buckets = 11;

    private const int Slots = 16;
    private const int SlotMask = Slots - 1;
    private const int CountBits = 28;
    private const long CountMask = (1L << CountBits) - 1;
    private const int BucketShift = CountBits;
    private const long BucketMask = 0xFF_FFFF;
    private const int EpochShift = 52;
    private const long EpochMask = 0xFFF;
    private const long TagMask = ~CountMask;

    private readonly WindowClock? _clock;
    private readonly long[] _shared;
    private readonly int _maxOwned;
    private readonly int _stride;
    private readonly bool _countsSlow;

    // By recorder id: each thread's own stripe, or null before its first record here. Grown and filled under the
    // lock (_shared); a grown array holds the same stripes, so a writer holding the old one still writes the live words.
    private long[]?[] _stripes = [];
    private int _epoch;

    /// <summary>A window whose lock-free successes are stamped with <paramref name="clock"/>'s bucket.</summary>
    public TimeWindow(bool countsSlowCalls, WindowClock clock)
        : this(countsSlowCalls, MaxOwnedStripes) => _clock = clock;

    /// <summary>A window in which threads of ids below <paramref name="ownedStripes"/> get stripes of their own.</summary>
    internal TimeWindow(bool countsSlowCalls, int ownedStripes)
    {
        _countsSlow = countsSlowCalls;
        _maxOwned = ownedStripes;
        _stride = (countsSlowCalls ? 3 : 2) * Slots;
        _shared = new long[_stride];
    }

    /// <summary>Threads of ids below this record in stripes of their own; the others share one.</summary>
    public const int MaxOwnedStripes = 64;

    /// <summary>The bytes of one stripe's counters (the array's header included).</summary>
    public static int BytesPerStripe(bool countsSlowCalls) => ((countsSlowCalls ? 3 : 2) * Slots * sizeof(long)) + (3 * sizeof(long));

    /// <summary>The clock the window's buckets are numbered by.</summary>
    public WindowClock Clock => _clock!;

    /// <summary>A success recorded without the lock, in the bucket the clock shows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordCall() => Record(_clock!.Current, Sample.Call);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long bucket, Sample sample)
    {
        var id = RecorderId.Current;
        var stripes = Volatile.Read(ref _stripes);
        if ((uint)id < (uint)stripes.Length && stripes[id] is { } words)
        {
            RecordOwned(words, Tag(Volatile.Read(ref _epoch), bucket), (int)(bucket & SlotMask), sample);
        }
        else
        {
            RecordFirst(id, bucket, sample);
        }
    }

    /// <summary>What the window holds when the current bucket is <paramref name="bucket"/>.</summary>
    public WindowCounts Counts(long bucket)
    {
        var epoch = Volatile.Read(ref _epoch) & EpochMask;
        var current = bucket & BucketMask;
        int calls = 0, failures = 0, slow = 0;
        void Sum(long[] words)
        {
            for (var i = 0; i < Slots; i++)
            {
                calls += CountIn(Volatile.Read(ref words[i]), epoch, current);
                failures += CountIn(Volatile.Read(ref words[i + Slots]), epoch, current);
                if (_countsSlow)
                {
                    slow += CountIn(Volatile.Read(ref words[i + (2 * Slots)]), epoch, current);
                }
            }
        }

        foreach (var stripe in Volatile.Read(ref _stripes))
        {
            if (stripe is not null)
            {
                Sum(stripe);
            }
        }

        Sum(_shared);
        return new WindowCounts(calls, failures, slow);
    }

    /// <summary>Forgets everything (the circuit opened or closed) by moving to a new epoch; writes no counter.</summary>
    public void Clear() => Interlocked.Increment(ref _epoch);

    private static long Tag(int epoch, long bucket) => ((epoch & EpochMask) << EpochShift) | ((bucket & BucketMask) << BucketShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordOwned(long[] words, long tag, int slot, Sample sample)
    {
        ref var calls = ref words[slot];
        Volatile.Write(ref calls, Next(calls, tag));
        if (sample == Sample.Call)
        {
            return;
        }

        if ((sample & Sample.Failure) != 0)
        {
            ref var failures = ref words[slot + Slots];
            Volatile.Write(ref failures, Next(failures, tag));
        }

        if ((sample & Sample.Slow) != 0 && _countsSlow)
        {
            ref var slow = ref words[slot + (2 * Slots)];
            Volatile.Write(ref slow, Next(slow, tag));
        }
    }

    /// <summary>A thread's first record in this window: its stripe is made, or it shares the last one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordFirst(int id, long bucket, Sample sample)
    {
        var slot = (int)(bucket & SlotMask);
        if (id >= _maxOwned)
        {
            RecordShared(slot, Tag(Volatile.Read(ref _epoch), bucket), sample);
            return;
        }

        long[] words;
        lock (_shared)
        {
            var stripes = _stripes;
            if (id >= stripes.Length)
            {
                Array.Resize(ref stripes, Math.Min(_maxOwned, Math.Max(id + 1, 2 * stripes.Length)));
            }

            // Only this thread makes the stripe of its id, so there is none yet.
            words = stripes[id] = new long[_stride];
            Volatile.Write(ref _stripes, stripes);
        }

        RecordOwned(words, Tag(Volatile.Read(ref _epoch), bucket), slot, sample);
    }

    private void RecordShared(int slot, long tag, Sample sample)
    {
        Add(ref _shared[slot], tag);
        if ((sample & Sample.Failure) != 0)
        {
            Add(ref _shared[slot + Slots], tag);
        }

        if ((sample & Sample.Slow) != 0 && _countsSlow)
        {
            Add(ref _shared[slot + (2 * Slots)], tag);
        }
    }

    private static void Add(ref long word, long tag)
    {
        var seen = Volatile.Read(ref word);
        while (true)
        {
            var found = Interlocked.CompareExchange(ref word, Next(seen, tag), seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }

    // Adds one to a word of this tag, or of a newer bucket of this epoch; starts it again otherwise. Saturates.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Next(long word, long tag)
    {
        var wordTag = word & TagMask;
        if (word != 0 && (wordTag == tag || IsNewerBucketOfSameEpoch(wordTag, tag)))
        {
            return (word & CountMask) == CountMask ? word : word + 1;
        }

        return tag | 1;
    }

    private static bool IsNewerBucketOfSameEpoch(long wordTag, long tag) =>
        (wordTag >> EpochShift) == (tag >> EpochShift) &&
        ((((wordTag >> BucketShift) - (tag >> BucketShift)) & BucketMask) is > 0 and < (BucketMask >> 1));

    // The count of a word of this epoch whose bucket is one of the eleven ending at the current one; 0 otherwise.
    private static int CountIn(long word, long epoch, long current) =>
        word != 0 && ((word >> EpochShift) & EpochMask) == epoch && ((current - ((word >> BucketShift) & BucketMask)) & BucketMask) < Buckets
            ? (int)(word & CountMask)
            : 0;
}
