using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>
/// The table of probes in flight: slot indices, the earliest deadline after releases in any order, growth past the
/// reserved slots, and re-reservation while probes are in flight; then the same through a connection.
/// </summary>
public sealed class ProbeTableTests
{
    [Fact]
    public void The_first_probe_takes_the_inline_slot_and_later_ones_the_next_free_slots()
    {
        var table = new ProbeTable(3);

        Assert.Equal(0, table.Add(1, 100));
        Assert.Equal(1, table.Add(2, 50));
        Assert.Equal(2, table.Add(3, 70));
        Assert.True(table.TryRelease(1, 2));
        Assert.Equal(1, table.Add(4, 90));

        Assert.Equal(3, table.Count);
        Assert.Equal(70, table.EarliestDeadline);
    }

    [Fact]
    public void The_earliest_deadline_follows_releases_in_any_order()
    {
        var table = new ProbeTable(3);
        table.Add(1, 100);
        table.Add(2, 50);
        table.Add(3, 70);

        Assert.True(table.TryRelease(0, 1));
        Assert.Equal(50, table.EarliestDeadline);
        table.Add(4, 100);
        Assert.True(table.TryRelease(1, 2));
        Assert.Equal(70, table.EarliestDeadline);
        Assert.True(table.TryRelease(2, 3));
        Assert.Equal(100, table.EarliestDeadline);
        Assert.True(table.TryRelease(0, 4));
        Assert.Equal(long.MaxValue, table.EarliestDeadline);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Only_the_probe_holding_a_slot_can_release_it()
    {
        var table = new ProbeTable(2);
        table.Add(1, 10);
        table.Add(2, 20);

        Assert.False(table.TryRelease(2, 2));
        Assert.False(table.TryRelease(5, 2));
        Assert.False(table.TryRelease(1, 1));
        Assert.False(table.TryRelease(0, 2));
        Assert.Equal(2, table.Count);
        Assert.True(table.TryRelease(1, 2));
        Assert.False(table.TryRelease(1, 2));
        Assert.False(table.TryRelease(1, 0));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void A_table_reserved_for_one_probe_grows_when_more_are_added()
    {
        var table = new ProbeTable(1);

        Assert.Equal(0, table.Add(1, 30));
        Assert.Equal(1, table.Add(2, 20));
        Assert.Equal(2, table.Add(3, 10));

        Assert.Equal(10, table.EarliestDeadline);
        Assert.True(table.TryRelease(2, 3));
        Assert.True(table.TryRelease(1, 2));
        Assert.True(table.TryRelease(0, 1));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Probes_beyond_the_reserved_slots_keep_their_slots_while_the_table_grows()
    {
        var table = new ProbeTable(500);
        var slots = new int[300];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = table.Add(i + 1, 1_000 - i);
        }

        Assert.Equal(Enumerable.Range(0, slots.Length), slots);
        Assert.Equal(1_000 - 299, table.EarliestDeadline);
        for (var i = slots.Length - 1; i >= 0; i--)
        {
            Assert.True(table.TryRelease(slots[i], i + 1), $"probe {i + 1} lost its slot");
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(long.MaxValue, table.EarliestDeadline);
    }

    [Fact]
    public void Reserving_for_a_lower_limit_keeps_the_probes_in_flight()
    {
        var table = new ProbeTable(10);
        for (var id = 1; id <= 10; id++)
        {
            table.Add(id, id);
        }

        table.Reserve(3);
        table.Reserve(1);

        for (var id = 10; id >= 1; id--)
        {
            Assert.True(table.TryRelease(id - 1, id), $"probe {id} lost its slot");
        }

        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Reserved_slots_are_taken_without_allocating()
    {
        var reservedAtCreation = new ProbeTable(8);
        var reservedLater = new ProbeTable(1);
        reservedLater.Reserve(8);
        var warmUp = new ProbeTable(8); // a first call may load and initialize types: not the table's allocation
        for (var id = 1; id <= 8; id++)
        {
            warmUp.Add(id, id);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var id = 1; id <= 8; id++)
        {
            reservedAtCreation.Add(id, id);
            reservedLater.Add(id, id);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(8, reservedLater.Count);
    }

    [Fact]
    public void A_table_for_a_single_probe_reserves_no_extra_slots()
    {
        // Measured a second time, so that the first call's one-off costs (JIT, cached delegates) are not counted.
        AllocatedBy(static () => new ProbeTable(1));
        AllocatedBy(static () => new ProbeTable(2));
        var single = AllocatedBy(static () => new ProbeTable(1));
        var two = AllocatedBy(static () => new ProbeTable(2));

        Assert.True(single < two, $"one probe: {single} bytes, two probes: {two} bytes");
    }

    [Fact]
    public void Clearing_frees_every_slot()
    {
        var table = new ProbeTable(3);
        table.Add(1, 10);
        table.Add(2, 20);

        table.Clear();

        Assert.Equal(0, table.Count);
        Assert.Equal(long.MaxValue, table.EarliestDeadline);
        Assert.False(table.TryRelease(1, 2));
        Assert.Equal(0, table.Add(3, 30));
        Assert.Equal(1, table.Add(4, 40));
    }

    [Fact]
    public void After_a_later_probe_completes_the_first_probes_deadline_still_times_it_out()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen("api", Engine.Options(static o => o with { HalfOpenMaxCalls = 3, SuccessesToClose = 3 }));
        Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        var second = Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        Engine.Acquire(connection);

        second.Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal("A probe was not completed within 5 s.", connection.GetStatus().LastReason);
    }

    [Fact]
    public void When_the_earliest_probe_completes_the_next_deadline_applies()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen("api", Engine.Options(static o => o with { HalfOpenMaxCalls = 3, SuccessesToClose = 3 }));
        var first = Engine.Acquire(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(2));
        Engine.Acquire(connection);

        first.Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Assert.Equal(1, connection.GetStatus().ProbesInFlight);

        engine.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Raising_the_probe_limit_while_half_open_admits_more_probes_and_lowering_it_keeps_those_in_flight()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen("api", Engine.Options(static o => o with { SuccessesToClose = 4 }));
        var probes = new List<CallPermit> { Engine.Acquire(connection) };
        Assert.False(connection.TryAcquire(out _));

        engine.Registry.Configure("api", null, connection.Options with { HalfOpenMaxCalls = 4 });
        for (var i = 0; i < 3; i++)
        {
            probes.Add(Engine.Acquire(connection));
        }

        Assert.False(connection.TryAcquire(out _));
        engine.Registry.Configure("api", null, connection.Options with { HalfOpenMaxCalls = 1 });
        Assert.Equal(4, connection.GetStatus().ProbesInFlight);

        for (var i = probes.Count - 1; i >= 0; i--)
        {
            var probe = probes[i];
            probe.Complete(Outcome.Success);
        }

        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Raising_the_probe_limit_reserves_the_slots_before_the_probes_arrive()
    {
        using var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromDays(1) }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        var connection = registry.Register("api", null, new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(1), SuccessesToClose = 9 });
        registry.Configure("api", null, connection.Options with { HalfOpenMaxCalls = 8 });
        registry.Open("api", expiry: TimeSpan.FromSeconds(1));
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)registry.TimeProvider).Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(CircuitState.HalfOpen, connection.State);
        Span<bool> admitted = stackalloc bool[8];

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < admitted.Length; i++)
        {
            admitted[i] = connection.TryAcquire(out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(admitted.ToArray(), Assert.True);
    }

    private static long AllocatedBy(Func<object> create)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(create());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
