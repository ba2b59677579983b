using System.Runtime.CompilerServices;

namespace Brama;

/// <summary>
/// A small id per recording thread, unique among the live threads that hold one, so that it can name the window stripe
/// the thread alone writes (see <see cref="TimeWindow"/>). The lowest free id is taken at a thread's first record; a
/// thread that ends gives its id back once its lease is finalized, which is after its last write, so the next holder of
/// the id is again the only writer.
/// </summary>
// A class of its own, with no static initializer, so that the JIT reads the thread static inline.
internal static class RecorderId
{
    private static readonly object s_gate = new();
    private static readonly SortedSet<int> s_free = [];
    private static int s_next;

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

    /// <summary>How many ids are held or free to hand out again (the highest handed out + 1).</summary>
    internal static int HandedOut
    {
        get
        {
            lock (s_gate)
            {
                return s_next;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Assign()
    {
        int id;
        lock (s_gate)
        {
            if (s_free.Count > 0)
            {
                id = s_free.Min;
                s_free.Remove(id);
            }
            else
            {
                id = s_next++;
            }
        }

        t_lease = new Lease(id);
        t_idPlusOne = id + 1;
        return id;
    }

    private static void Free(int id)
    {
        lock (s_gate)
        {
            s_free.Add(id);
        }
    }

    private sealed class Lease(int id)
    {
        ~Lease() => Free(id);
    }
}
