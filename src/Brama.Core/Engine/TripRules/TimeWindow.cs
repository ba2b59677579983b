using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A sliding time window of ten buckets plus the current one; exact (every recorded outcome is counted once) and
/// without a lock. An outcome recorded in bucket b is counted while the current bucket is at most b + 10, so it is
/// forgotten no sooner than ten bucket widths and no later than eleven.
/// </summary>
/// <remarks>
/// <para>
/// Counters are striped. Each recording thread holds a small id that no other live thread holds
/// (<see cref="RecorderId"/>: ids of threads that ended are handed out again), and the thread whose id is a stripe's
/// number is that stripe's only writer, in every window: it updates its words with plain stores, no lock prefix, on
/// cache lines no other thread writes. A thread whose id is beyond the owned stripes (more recording threads than
/// twice the processors) records in one shared stripe by compare-and-swap.
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
    private const int MaxStripes = 16;
    private const int CountBits = 28;
    private const long CountMask = (1L << CountBits) - 1;
    private const int BucketShift = CountBits;
    private const long BucketMask = 0xFF_FFFF;
    private const int EpochShift = 52;
    private const long EpochMask = 0xFFF;
    private const long TagMask = ~CountMask;

    private readonly long[] _words;
    private readonly WindowClock? _clock;
    private readonly int _ownedStripes;
    private readonly int _stride;
    private readonly int _sharedStripe;
    private readonly bool _countsSlow;
    private int _epoch;

    /// <summary>A window whose lock-free successes are stamped with <paramref name="clock"/>'s bucket.</summary>
    public TimeWindow(bool countsSlowCalls, WindowClock clock)
        : this(countsSlowCalls, StripesForThisMachine) => _clock = clock;

    internal TimeWindow(bool countsSlowCalls, int ownedStripes)
    {
        _countsSlow = countsSlowCalls;
        _ownedStripes = ownedStripes;
        _stride = (countsSlowCalls ? 3 : 2) * Slots;
        _sharedStripe = ownedStripes * _stride;
        _words = new long[(ownedStripes + 1) * _stride];
    }

    /// <summary>Owned stripes on this machine: twice the processors (threads beside the pool's record too), at most 16.</summary>
    public static int StripesForThisMachine { get; } = Math.Min(MaxStripes, 2 * Environment.ProcessorCount);

    /// <summary>The bytes of one window's counters on this machine (the shared stripe included).</summary>
    public static int BytesForThisMachine(bool countsSlowCalls) =>
        (StripesForThisMachine + 1) * (countsSlowCalls ? 3 : 2) * Slots * sizeof(long);

    /// <summary>The clock the window's buckets are numbered by.</summary>
    public WindowClock Clock => _clock!;

    /// <summary>A success recorded without the lock, in the bucket the clock shows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordCall() => Record(_clock!.Current, Sample.Call);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long bucket, Sample sample)
    {
        var stripe = RecorderId.Current;
        var tag = Tag(Volatile.Read(ref _epoch), bucket);
        var slot = (int)(bucket & SlotMask);
        if (stripe < _ownedStripes)
        {
            var at = (stripe * _stride) + slot;
            ref var word = ref _words[at];
            Volatile.Write(ref word, Next(word, tag));
            if (sample != Sample.Call)
            {
                RecordOwned(at, tag, sample);
            }
        }
        else
        {
            RecordShared(_sharedStripe + slot, tag, sample);
        }
    }

    /// <summary>What the window holds when the current bucket is <paramref name="bucket"/>.</summary>
    public WindowCounts Counts(long bucket)
    {
        var epoch = Volatile.Read(ref _epoch) & EpochMask;
        var current = bucket & BucketMask;
        int calls = 0, failures = 0, slow = 0;
        for (var stripe = 0; stripe <= _sharedStripe; stripe += _stride)
        {
            for (var i = stripe; i < stripe + Slots; i++)
            {
                calls += CountIn(Volatile.Read(ref _words[i]), epoch, current);
                failures += CountIn(Volatile.Read(ref _words[i + Slots]), epoch, current);
                if (_countsSlow)
                {
                    slow += CountIn(Volatile.Read(ref _words[i + (2 * Slots)]), epoch, current);
                }
            }
        }

        return new WindowCounts(calls, failures, slow);
    }

    /// <summary>Forgets everything (the circuit opened or closed) by moving to a new epoch; writes no counter.</summary>
    public void Clear() => Interlocked.Increment(ref _epoch);

    private static long Tag(int epoch, long bucket) => ((epoch & EpochMask) << EpochShift) | ((bucket & BucketMask) << BucketShift);

    private void RecordOwned(int at, long tag, Sample sample)
    {
        if ((sample & Sample.Failure) != 0)
        {
            ref var failures = ref _words[at + Slots];
            Volatile.Write(ref failures, Next(failures, tag));
        }

        if ((sample & Sample.Slow) != 0 && _countsSlow)
        {
            ref var slow = ref _words[at + (2 * Slots)];
            Volatile.Write(ref slow, Next(slow, tag));
        }
    }

    private void RecordShared(int at, long tag, Sample sample)
    {
        Add(ref _words[at], tag);
        if ((sample & Sample.Failure) != 0)
        {
            Add(ref _words[at + Slots], tag);
        }

        if ((sample & Sample.Slow) != 0 && _countsSlow)
        {
            Add(ref _words[at + (2 * Slots)], tag);
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
