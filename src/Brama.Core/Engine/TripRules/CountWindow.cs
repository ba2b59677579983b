namespace Brama;

/// <summary>
/// A window of the last N calls (resilience4j's count window), lock-free and exact: the totals always equal what the
/// ring holds once the recorders in flight are done. Every call takes the next position of one shared sequence, so
/// unlike <see cref="TimeWindow"/> every call writes a counter that all cores share.
/// </summary>
internal sealed class CountWindow
{
    // Each ring entry: 0 = empty, else 1 + the sample's bits, so that an empty entry evicts nothing.
    private readonly int[] _ring;
    private long _sequence;
    private int _calls;
    private int _failures;
    private int _slow;

    public CountWindow(int size) => _ring = new int[size];

    public int Size => _ring.Length;

    public void Record(Sample sample)
    {
        var position = (int)((ulong)(Interlocked.Increment(ref _sequence) - 1) % (ulong)_ring.Length);
        var entry = 1 + (int)sample;

        // A success where a success was, the common case once the ring is full, changes nothing in the totals; the
        // position is this caller's until the ring comes round again, so the entry can stay as it is.
        if (Volatile.Read(ref _ring[position]) == entry)
        {
            return;
        }

        var evicted = Interlocked.Exchange(ref _ring[position], entry);
        if (evicted == 0)
        {
            Interlocked.Increment(ref _calls);
        }
        else if (evicted != entry)
        {
            Adjust(evicted, -1);
        }

        if (evicted != entry)
        {
            Adjust(entry, +1);
        }
    }

    public WindowCounts Counts() => new(Volatile.Read(ref _calls), Volatile.Read(ref _failures), Volatile.Read(ref _slow));

    /// <summary>Forgets everything (the circuit opened or closed).</summary>
    public void Clear()
    {
        for (var i = 0; i < _ring.Length; i++)
        {
            // Each entry leaves the totals as it leaves the ring, so a record racing with the clear stays consistent.
            var evicted = Interlocked.Exchange(ref _ring[i], 0);
            if (evicted != 0)
            {
                Interlocked.Decrement(ref _calls);
                Adjust(evicted, -1);
            }
        }
    }

    private void Adjust(int entry, int delta)
    {
        var sample = (Sample)(entry - 1);
        if ((sample & Sample.Failure) != 0)
        {
            Interlocked.Add(ref _failures, delta);
        }

        if ((sample & Sample.Slow) != 0)
        {
            Interlocked.Add(ref _slow, delta);
        }
    }
}
