using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A sliding time window of ten buckets plus the current one, striped so that threads recording at once write
/// different cache lines; lock-free and exact: every recorded outcome is counted once. An outcome recorded in bucket b
/// is counted while the current bucket is at most b + 10, so it is forgotten no sooner than ten bucket widths and no
/// later than eleven after it was recorded.
/// </summary>
/// <remarks>
/// Each counter is one 64-bit word: the low 32 bits of its bucket's number above the count. Recording adds one by
/// compare-and-swap and starts the count again when the word still belongs to an older bucket, so a recorder never
/// loses an outcome to another or to a reset; a recorder whose bucket number is older than the word's (it read the
/// clock just before a boundary) adds to the newer bucket instead of resetting it. A word untouched for 2^31 buckets
/// could alias a current one: with buckets of at least 10 ms that takes eight months of silence on that very word.
/// A thread keeps its stripe until a compare-and-swap fails, which means another thread shares it; it then moves to the
/// next stripe (the probe of Java's LongAdder), so threads that record at once soon write apart.
/// </remarks>
internal sealed class TimeWindow
{
    public const int Buckets = 11;

    // Slots per counter: the eleven buckets in a ring of 16, so that a bucket's slot is a mask away.
    private const int Slots = 16;
    private const int SlotMask = Slots - 1;

    // Per stripe: the calls of the 16 slots, then their failures, then their slow calls; 384 bytes, six whole lines.
    private const int StripeStride = 3 * Slots;
    private const int FailureOffset = Slots;
    private const int SlowOffset = 2 * Slots;
    private const int MaxStripes = 16;

    private readonly long[] _words;
    private readonly int _stripeMask;

    public TimeWindow()
        : this(StripesForThisMachine)
    {
    }

    internal TimeWindow(int stripes)
    {
        _stripeMask = stripes - 1;
        _words = new long[stripes * StripeStride];
    }

    /// <summary>Stripes on this machine: the processors, rounded up to a power of two, at most 16.</summary>
    public static int StripesForThisMachine { get; } =
        (int)Math.Min(MaxStripes, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));

    /// <summary>The bytes of one window's counters on this machine.</summary>
    public static int BytesForThisMachine => StripesForThisMachine * StripeStride * sizeof(long);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long bucket, Sample sample)
    {
        var slot = ((RecorderStripe.Index & _stripeMask) * StripeStride) + (int)(bucket & SlotMask);
        var tag = (uint)bucket;
        Add(ref _words[slot], tag);
        if (sample != Sample.Call)
        {
            RecordRest(slot, tag, sample);
        }
    }

    /// <summary>What the window holds when the current bucket is <paramref name="bucket"/>.</summary>
    public WindowCounts Counts(long bucket)
    {
        int calls = 0, failures = 0, slow = 0;
        var current = (uint)bucket;
        for (var stripe = 0; stripe < _words.Length; stripe += StripeStride)
        {
            for (var i = stripe; i < stripe + Slots; i++)
            {
                calls += CountIn(Volatile.Read(ref _words[i]), current);
                failures += CountIn(Volatile.Read(ref _words[i + FailureOffset]), current);
                slow += CountIn(Volatile.Read(ref _words[i + SlowOffset]), current);
            }
        }

        return new WindowCounts(calls, failures, slow);
    }

    /// <summary>Forgets everything (the circuit opened or closed). A record racing with it is kept: it is recent.</summary>
    public void Clear() => Array.Clear(_words);

    private void RecordRest(int slot, uint tag, Sample sample)
    {
        if ((sample & Sample.Failure) != 0)
        {
            Add(ref _words[slot + FailureOffset], tag);
        }

        if ((sample & Sample.Slow) != 0)
        {
            Add(ref _words[slot + SlowOffset], tag);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref long word, uint tag)
    {
        var seen = Volatile.Read(ref word);
        if (Interlocked.CompareExchange(ref word, Next(seen, tag), seen) != seen)
        {
            AddContended(ref word, tag);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddContended(ref long word, uint tag)
    {
        RecorderStripe.Index++;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Next(long word, uint tag) =>
        word != 0 && (int)((uint)(word >> 32) - tag) >= 0 ? word + 1 : ((long)tag << 32) | 1;

    // The count of a word whose bucket is one of the eleven ending at the current one; 0 for an older (or empty) word.
    private static int CountIn(long word, uint current) =>
        word != 0 && unchecked(current - (uint)(word >> 32)) < Buckets ? (int)(uint)word : 0;
}

/// <summary>The stripe a thread records into, moved on when it finds another thread there.</summary>
// A class of its own, with no static initializer, so that the JIT reads the thread static inline.
internal static class RecorderStripe
{
    [ThreadStatic]
    public static int Index;
}
