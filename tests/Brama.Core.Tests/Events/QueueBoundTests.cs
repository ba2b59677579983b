namespace Brama.Core.Tests.Events;

/// <summary>
/// The bound of a subscription's queue: publishers reserve and readers release on separate counters, and a publisher
/// may judge from a stale view of the releases. Whatever it saw, it must never admit more than the capacity, and never
/// refuse while a place is free.
/// </summary>
public class QueueBoundTests
{
    [Fact]
    public void Reserving_beyond_the_capacity_fails_until_a_reader_releases()
    {
        var bound = new QueueBound(capacity: 2);

        Assert.True(bound.TryReserve());
        Assert.True(bound.TryReserve());
        Assert.False(bound.TryReserve());
        Assert.Equal((2, 1), (bound.Count, bound.Dropped));

        bound.Release();
        Assert.True(bound.TryReserve()); // the publisher's last look said full: it looks again before refusing
        Assert.False(bound.TryReserve());
        Assert.Equal((2, 2), (bound.Count, bound.Dropped));
    }

    [Fact]
    public void A_stale_view_of_the_releases_never_refuses_a_free_place()
    {
        var bound = new QueueBound(capacity: 3);
        for (var round = 0; round < 1_000; round++)
        {
            Assert.True(bound.TryReserve(), $"round {round}");
            bound.Release();
        }

        Assert.Equal(0, bound.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(bound.TryReserve());
        }

        Assert.False(bound.TryReserve());
    }

    [Fact]
    public void Unreserving_gives_the_place_back()
    {
        var bound = new QueueBound(capacity: 1);
        Assert.True(bound.TryReserve());
        bound.Unreserve();

        Assert.Equal(0, bound.Count);
        Assert.True(bound.TryReserve());
    }

    [Fact]
    public async Task Racing_publishers_admit_exactly_the_capacity_while_nothing_is_released()
    {
        const int Capacity = 1_000;
        var bound = new QueueBound(Capacity);
        var admitted = 0;
        using var start = new Barrier(4);
        var publishers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            for (var i = 0; i < 5_000; i++)
            {
                if (bound.TryReserve())
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(publishers);

        Assert.Equal(Capacity, admitted);
        Assert.Equal(Capacity, bound.Count);
        Assert.Equal((4 * 5_000) - Capacity, bound.Dropped);
    }

    [Fact]
    public async Task Racing_publishers_and_a_reader_never_hold_more_than_the_capacity()
    {
        const int Capacity = 8;
        const int Wanted = 20_000;
        var bound = new QueueBound(Capacity);
        var held = 0;
        var maxHeld = 0;
        var published = 0;
        var stop = false;
        using var start = new Barrier(4);
        var giveUp = DateTime.UtcNow.AddSeconds(30); // a safety stop for a broken bound, not a timing assertion
        var reader = Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            while (!Volatile.Read(ref stop) || Volatile.Read(ref held) > 0)
            {
                if (Volatile.Read(ref held) > 0)
                {
                    Interlocked.Decrement(ref held); // taken out of the queue before the place is released
                    bound.Release();
                }
            }
        }, TestContext.Current.CancellationToken);
        var publishers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            while (Volatile.Read(ref published) < Wanted && DateTime.UtcNow < giveUp)
            {
                if (bound.TryReserve())
                {
                    var now = Interlocked.Increment(ref held);
                    Interlocked.Increment(ref published);
                    int seen;
                    while (now > (seen = Volatile.Read(ref maxHeld)) && Interlocked.CompareExchange(ref maxHeld, now, seen) != seen)
                    {
                    }
                }
            }
        }, TestContext.Current.CancellationToken));

        await Task.WhenAll(publishers);
        Volatile.Write(ref stop, true);
        await reader;

        Assert.True(published >= Wanted, $"only {published} admitted: releases were not seen");
        Assert.InRange(maxHeld, 1, Capacity);
        Assert.Equal(0, bound.Count);
    }
}
