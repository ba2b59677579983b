using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>
/// The registry's connections by key: an open-addressing table (linear probing) whose slots hold a key's hash and the
/// connection itself, so that a lookup reads one slot and then the connection it returns, with no node object between
/// them (see docs/performance.md, P5). Lookups and enumeration take no lock; additions and removals take one.
/// </summary>
/// <remarks>
/// A slot goes from empty to holding a connection, and from there to removed or to another connection; it never goes
/// back to empty, so a probe chain that a reader walks is never cut. The hash is a filter only: a match is decided on
/// the key the connection itself carries, so a reader that pairs a slot's new hash with its old connection can at
/// worst miss a connection that is being removed at that moment. Growing (or clearing removed slots) builds a new
/// array and publishes it whole; readers still on the old array see the table as it was before.
/// </remarks>
internal sealed class ConnectionTable
{
    private const int MinimumCapacity = 16;

    // A removed slot keeps probe chains intact; an addition may reuse it.
    private static readonly object Removed = new();

    private readonly object _writeGate = new();
    private volatile Slot[] _slots = new Slot[MinimumCapacity];
    private volatile int _count;
    private int _occupied;

    /// <summary>How many connections the table holds.</summary>
    public int Count => _count;

    internal int Capacity => _slots.Length;

    public bool TryGetValue(ConnectionKey key, [NotNullWhen(true)] out Connection? connection) =>
        Find(_slots, key, key.GetHashCode(), exact: null, out _, out connection);

    /// <summary>Adds the connection under its own key; false when the key is taken.</summary>
    public bool TryAdd(Connection connection)
    {
        var key = connection.Key;
        var hash = key.GetHashCode();
        lock (_writeGate)
        {
            if (Find(_slots, key, hash, exact: null, out _, out _))
            {
                return false;
            }

            if ((_occupied + 1) * 4 > _slots.Length * 3)
            {
                Rebuild(_count + 1);
            }

            var slots = _slots;
            var mask = slots.Length - 1;
            var index = hash & mask;
            while (slots[index].Entry is { } entry && !ReferenceEquals(entry, Removed))
            {
                index = (index + 1) & mask;
            }

            if (slots[index].Entry is null)
            {
                _occupied++;
            }

            slots[index].Hash = hash;
            Volatile.Write(ref slots[index].Entry, connection);
            _count++;
            return true;
        }
    }

    /// <summary>Removes whatever connection holds the key.</summary>
    public bool TryRemove(ConnectionKey key, [NotNullWhen(true)] out Connection? connection) =>
        TryRemove(key, exact: null, out connection);

    /// <summary>Removes exactly this connection, not a newer one registered under the same key.</summary>
    public bool TryRemove(Connection connection) => TryRemove(connection.Key, connection, out _);

    /// <summary>The connections at the time of the call, give or take those added or removed meanwhile.</summary>
    public Enumerator GetEnumerator() => new(_slots);

    /// <summary>
    /// Finds the slot holding <paramref name="key"/> (and, when given, exactly <paramref name="exact"/>). The one probe
    /// loop of the table: lookups run it without the lock, writers under it.
    /// </summary>
    private static bool Find(
        Slot[] slots, ConnectionKey key, int hash, Connection? exact, out int index, [NotNullWhen(true)] out Connection? found)
    {
        var mask = slots.Length - 1;
        for (var probe = hash & mask; ; probe = (probe + 1) & mask)
        {
            ref var slot = ref slots[probe];
            var entry = Volatile.Read(ref slot.Entry);
            if (entry is null)
            {
                index = -1;
                found = null;
                return false;
            }

            if (slot.Hash == hash && entry is Connection candidate && candidate.Key.Equals(key)
                && (exact is null || ReferenceEquals(candidate, exact)))
            {
                index = probe;
                found = candidate;
                return true;
            }
        }
    }

    private bool TryRemove(ConnectionKey key, Connection? exact, [NotNullWhen(true)] out Connection? removed)
    {
        lock (_writeGate)
        {
            var slots = _slots;
            if (!Find(slots, key, key.GetHashCode(), exact, out var index, out removed))
            {
                return false;
            }

            Volatile.Write(ref slots[index].Entry, Removed);
            _count--;
            return true;
        }
    }

    private void Rebuild(int live)
    {
        var capacity = MinimumCapacity;
        while (capacity < live * 2)
        {
            capacity *= 2;
        }

        var rebuilt = new Slot[capacity];
        var mask = capacity - 1;
        foreach (var slot in _slots)
        {
            if (slot.Entry is Connection)
            {
                var index = slot.Hash & mask;
                while (rebuilt[index].Entry is not null)
                {
                    index = (index + 1) & mask;
                }

                rebuilt[index] = slot;
            }
        }

        _occupied = _count;
        _slots = rebuilt;
    }

    internal struct Slot
    {
        public int Hash;
        public object? Entry;
    }

    /// <summary>Walks one array of slots; never throws on concurrent changes.</summary>
    public struct Enumerator
    {
        private readonly Slot[] _slots;
        private int _index;

        internal Enumerator(Slot[] slots)
        {
            _slots = slots;
            _index = -1;
            Current = null!;
        }

        public Connection Current { get; private set; }

        public bool MoveNext()
        {
            while (++_index < _slots.Length)
            {
                if (Volatile.Read(ref _slots[_index].Entry) is Connection connection)
                {
                    Current = connection;
                    return true;
                }
            }

            return false;
        }
    }
}
