using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A small id per recording thread, unique among the live threads that hold one, so that it can name the window stripe
/// the thread alone writes (see <see cref="TimeWindow"/>). The lowest free id is taken at a thread's first record; a
/// thread that ends gives its id back once its lease is finalized, which is after its last write, so the next holder of
/// the id is again the only writer.
/// </summary>
// Thread statics only, no static initializer, so that the JIT reads them inline; the shared pool is a class apart.
internal static class RecorderId
{
    private static IdPool Pool => SharedPool.Instance;

    // The id + 1; 0 before the thread's first record.
    [ThreadStatic]
    private static int t_idPlusOne;

    // Reachable while the thread lives; its finalizer gives the id back.
    [ThreadStatic]
    private static Lease? t_lease;

    public static int Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var id = t_idPlusOne - 1;
            return id >= 0 ? id : Assign();
        }
    }

    /// <summary>The highest id handed out so far + 1: how many ids are held or free to be handed out again.</summary>
    internal static int HandedOut => Pool.HandedOut;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Assign()
    {
        var id = Pool.Take();
        t_lease = new Lease(id);
        t_idPlusOne = id + 1;
        return id;
    }

    private sealed class Lease(int id)
    {
        ~Lease() => Pool.Give(id);
    }

    /// <summary>The ids: the lowest free one is handed out, a new one only when none is free.</summary>
    internal sealed class IdPool
    {
        private readonly object _gate = new();
        private readonly SortedSet<int> _free = [];
        private int _next;

        public int HandedOut
        {
            get
            {
                lock (_gate)
                {
                    return _next;
                }
            }
        }

        public int Take()
        {
            lock (_gate)
            {
                if (_free.Count == 0)
                {
                    return _next++;
                }

                var id = _free.Min;
                _free.Remove(id);
                return id;
            }
        }

        public void Give(int id)
        {
            lock (_gate)
            {
                _free.Add(id);
            }
        }
    }

    private static class SharedPool
    {
        public static readonly IdPool Instance = new();
    }
}
