namespace Brama;

/// <summary>
/// The probe permits in flight in the current half-open episode: each slot holds the probe's unique id (0 = free) and
/// its deadline (a <see cref="TimeProvider"/> timestamp). The table is also its connection's lock object, and its first
/// slot is inline, so that a connection with the default single probe carries no extra objects. Mutated only under
/// that lock; the earliest deadline is also read without it to decide whether a touch must look for a timed-out probe.
/// </summary>
internal sealed class ProbeTable
{
    // Slots up to this many are reserved ahead of time, so that no call path allocates for any common limit.
    private const int ReservedSlots = 64;

    private long _firstId;
    private long _firstDeadline;

    // Slots 1 and up; null while the limit is one probe.
    private Slot[]? _more;

    /// <summary>The earliest deadline of a probe in flight; <see cref="long.MaxValue"/> when none is.</summary>
    public long EarliestDeadline = long.MaxValue;

    public ProbeTable(int maxProbes) => Reserve(maxProbes);

    public int Count { get; private set; }

    private int Capacity => 1 + (_more?.Length ?? 0);

    /// <summary>Reserves slots for a new probe limit ahead of time (used when options change).</summary>
    public void Reserve(int maxProbes)
    {
        var wanted = Math.Min(maxProbes, ReservedSlots);
        if (wanted > Capacity)
        {
            Array.Resize(ref _more, wanted - 1);
        }
    }

    /// <summary>Records a granted probe and returns its slot index. The caller has checked the probe limit.</summary>
    public int Add(long id, long deadline)
    {
        int index;
        if (_firstId == 0)
        {
            index = 0;
            _firstId = id;
            _firstDeadline = deadline;
        }
        else
        {
            var free = _more is null ? -1 : Array.FindIndex(_more, static slot => slot.Id == 0);
            if (free < 0)
            {
                // Only a limit above the reserved slots gets here: grow with the number of probes actually in flight.
                free = _more?.Length ?? 0;
                Array.Resize(ref _more, Math.Max(4, free * 2));
            }

            _more![free] = new Slot(id, deadline);
            index = free + 1;
        }

        Count++;
        if (deadline < EarliestDeadline)
        {
            Volatile.Write(ref EarliestDeadline, deadline);
        }

        return index;
    }

    /// <summary>
    /// Frees the slot when it still holds probe <paramref name="id"/>; false for a probe of an earlier episode, one
    /// that timed out, or a completion already seen.
    /// </summary>
    public bool TryRelease(int index, long id)
    {
        long deadline;
        if (index == 0 && _firstId == id && id != 0)
        {
            deadline = _firstDeadline;
            _firstId = 0;
            _firstDeadline = 0;
        }
        else if (index > 0 && _more is not null && index - 1 < _more.Length && _more[index - 1].Id == id && id != 0)
        {
            deadline = _more[index - 1].Deadline;
            _more[index - 1] = default;
        }
        else
        {
            return false;
        }

        Count--;
        if (deadline == EarliestDeadline)
        {
            Volatile.Write(ref EarliestDeadline, FindEarliestDeadline());
        }

        return true;
    }

    /// <summary>Forgets every probe: they belong to an episode that is over.</summary>
    public void Clear()
    {
        if (Count > 0)
        {
            _firstId = 0;
            _firstDeadline = 0;
            if (_more is not null)
            {
                Array.Clear(_more);
            }

            Count = 0;
        }

        Volatile.Write(ref EarliestDeadline, long.MaxValue);
    }

    private long FindEarliestDeadline()
    {
        var earliest = _firstId != 0 ? _firstDeadline : long.MaxValue;
        if (_more is not null)
        {
            foreach (var slot in _more)
            {
                if (slot.Id != 0 && slot.Deadline < earliest)
                {
                    earliest = slot.Deadline;
                }
            }
        }

        return earliest;
    }

    private readonly record struct Slot(long Id, long Deadline);
}
