namespace Brama;

/// <summary>
/// The probe permits in flight in the current half-open episode: each slot holds the probe's unique id (0 = free) and
/// its deadline (a <see cref="TimeProvider"/> timestamp). Mutated only under the owning connection's lock; the
/// earliest deadline is also read without it to decide whether a touch must look for a timed-out probe.
/// </summary>
internal struct ProbeTable
{
    // Slots up to this many are reserved ahead of time, so that no call path allocates for any common limit.
    private const int ReservedSlots = 64;

    private Slot[] _slots;

    /// <summary>The earliest deadline of a probe in flight; <see cref="long.MaxValue"/> when none is.</summary>
    public long EarliestDeadline;

    public ProbeTable(int maxProbes)
    {
        _slots = new Slot[Math.Min(maxProbes, ReservedSlots)];
        EarliestDeadline = long.MaxValue;
    }

    public int Count { readonly get; private set; }

    /// <summary>Reserves slots for a new probe limit ahead of time (used when options change).</summary>
    public void Reserve(int maxProbes)
    {
        var wanted = Math.Min(maxProbes, ReservedSlots);
        if (wanted > _slots.Length)
        {
            Array.Resize(ref _slots, wanted);
        }
    }

    /// <summary>Records a granted probe and returns its slot index. The caller has checked the probe limit.</summary>
    public int Add(long id, long deadline)
    {
        var index = Array.FindIndex(_slots, static slot => slot.Id == 0);
        if (index < 0)
        {
            // Only a limit above the reserved slots gets here: grow with the number of probes actually in flight.
            index = _slots.Length;
            Array.Resize(ref _slots, Math.Max(4, _slots.Length * 2));
        }

        _slots[index] = new Slot(id, deadline);
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
        if ((uint)index >= (uint)_slots.Length || _slots[index].Id != id)
        {
            return false;
        }

        var deadline = _slots[index].Deadline;
        _slots[index] = default;
        Count--;
        if (deadline == EarliestDeadline)
        {
            var earliest = long.MaxValue;
            foreach (var slot in _slots)
            {
                if (slot.Id != 0 && slot.Deadline < earliest)
                {
                    earliest = slot.Deadline;
                }
            }

            Volatile.Write(ref EarliestDeadline, earliest);
        }

        return true;
    }

    /// <summary>Forgets every probe: they belong to an episode that is over.</summary>
    public void Clear()
    {
        if (Count > 0)
        {
            Array.Clear(_slots);
            Count = 0;
        }

        Volatile.Write(ref EarliestDeadline, long.MaxValue);
    }

    private readonly record struct Slot(long Id, long Deadline);
}
