using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A sliding time window of ten buckets plus the current one; exact (every recorded outcome is counted once), without
/// a lock, and without an atomic instruction on the common path. An outcome recorded in bucket b is counted while the
/// current bucket is at most b + 10, so it is forgotten no sooner than ten bucket widths and no later than eleven.
/// </summary>
/// <remarks>
/// <para>
/// Counters are striped. Each stripe but the last is owned by the first recorder thread that maps to it (a thread
/// static id, claimed once by compare-and-swap) and written only by that thread, with plain stores; a thread whose
/// stripe another owns records into the last, shared stripe by compare-and-swap. So threads never write each other's
/// cache lines, and a busy thread pays no lock prefix.
/// </para>
/// <para>
/// A counter is one 64-bit word: a 12-bit epoch, the low 24 bits of its bucket's number and a 28-bit count (which
/// saturates). Recording starts a word again when it holds an older bucket or epoch; a recorder whose bucket is older
/// than the word's (it read the clock just before a boundary) adds to the newer one. Clearing moves the epoch on, so it
/// never writes a word another thread owns; a record racing with it may count in the old epoch and be forgotten. Words
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
    private readonly int[] _owners;
    private readonly int _stripeMask;
    private readonly int _stride;
    private readonly int _sharedStripe;
    private readonly bool _countsSlow;
    private int _epoch;

    public TimeWindow(bool countsSlowCalls)
        : this(countsSlowCalls, StripesForThisMachine)
    {
    }

    internal TimeWindow(bool countsSlowCalls, int ownedStripes)
    {
        _countsSlow = countsSlowCalls;
        _stripeMask = ownedStripes - 1;
        _stride = (countsSlowCalls ? 3 : 2) * Slots;
        _sharedStripe = ownedStripes * _stride;
        _owners = new int[ownedStripes];
        _words = new long[(ownedStripes + 1) * _stride];
    }

    /// <summary>Owned stripes on this machine: the processors, rounded up to a power of two, at most 16.</summary>
    public static int StripesForThisMachine { get; } =
        (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    /// <summary>The bytes of one window's counters on this machine (the shared stripe and the owners included).</summary>
    public static int BytesForThisMachine(bool countsSlowCalls) =>
        ((StripesForThisMachine + 1) * (countsSlowCalls ? 3 : 2) * Slots * sizeof(long)) + (StripesForThisMachine * sizeof(int));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long bucket, Sample sample)
    {
        var recorder = RecorderId.Current;
        var stripe = recorder & _stripeMask;
        var owner = Volatile.Read(ref _owners[stripe]);
        var tag = Tag(Volatile.Read(ref _epoch), bucket);
        var slot = (int)(bucket & SlotMask);
        if (owner == recorder || (owner == 0 && Interlocked.CompareExchange(ref _owners[stripe], recorder, 0) == 0))
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

/// <summary>A small id per recording thread, never 0: which stripe of a window it may own.</summary>
// A class of its own, with no static initializer, so that the JIT reads the thread static inline.
internal static class RecorderId
{
    private static int s_last;

    [ThreadStatic]
    private static int t_id;

    public static int Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var id = t_id;
            return id != 0 ? id : Assign();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Assign()
    {
        int id;
        do
        {
            id = Interlocked.Increment(ref s_last);
        }
        while (id == 0);

        return t_id = id;
    }
}
