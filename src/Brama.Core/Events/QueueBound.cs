using System.Runtime.InteropServices;

namespace Brama;

/// <summary>
/// Counts the per-call events a subscription's queue holds, against its capacity. Publishers reserve on one cache
/// line and readers release on another, so a reader never writes the line every publish writes; a publisher looks at
/// the readers' line only when its last look says the queue may be full, and a drop is decided on a fresh look.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 3 * CacheLine)]
internal sealed class QueueBound
{
    // Two lines apart: the adjacent-line prefetcher pairs 64-byte lines.
    private const int CacheLine = 128;

    [FieldOffset(0)]
    private readonly long _capacity;

    [FieldOffset(CacheLine)]
    private long _reserved;

    // What a publisher last read of _released: never more than it (that only grows), so a check against it errs on
    // the side of looking again.
    [FieldOffset(CacheLine + sizeof(long))]
    private long _releasedSeen;

    [FieldOffset(CacheLine + (2 * sizeof(long)))]
    private long _dropped;

    [FieldOffset(2 * CacheLine)]
    private long _released;

    public QueueBound(int capacity) => _capacity = capacity;

    /// <summary>The per-call events queued and not yet taken by a reader.</summary>
    public long Count => Volatile.Read(ref _reserved) - Volatile.Read(ref _released);

    /// <summary>The events refused because the queue was full.</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Takes a place for one event; false (and counted as a drop) when the queue already holds its capacity.</summary>
    public bool TryReserve()
    {
        var reserved = Interlocked.Increment(ref _reserved);
        if (reserved - Volatile.Read(ref _releasedSeen) <= _capacity)
        {
            return true;
        }

        var released = Volatile.Read(ref _released);
        Volatile.Write(ref _releasedSeen, released);
        if (reserved - released <= _capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/> for an event that was not queued after all.</summary>
    public void Unreserve() => Interlocked.Decrement(ref _reserved);

    /// <summary>A reader took one event out of the queue.</summary>
    public void Release() => Interlocked.Increment(ref _released);
}
