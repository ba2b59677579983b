using Microsoft.Extensions.Time.Testing;

namespace Brama.Redis.Tests;

/// <summary>One instance of a service in one process: its own registry on its own fake clock, joined to a fleet.</summary>
internal sealed class Member : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Fleet-wide, 2 failures open for 30 s, a probe closes.</summary>
    public static readonly ConnectionOptions FleetWide = new()
    {
        FleetWide = true,
        MaxAttempts = 2,
        Expiry = TimeSpan.FromSeconds(30),
        InactivityTimeout = null,
    };

    private Member(string name, FakeTimeProvider time, ConnectionRegistry registry, RedisFleet fleet)
    {
        Name = name;
        Time = time;
        Registry = registry;
        Fleet = fleet;
    }

    public string Name { get; }

    public FakeTimeProvider Time { get; }

    public ConnectionRegistry Registry { get; }

    public RedisFleet Fleet { get; }

    public List<BramaEvent> Events { get; } = [];

    public static async Task<Member> JoinAsync(RedisServer redis, string name, Func<RedisFleetOptions, RedisFleetOptions>? configure = null, string fleet = "shop", bool register = true)
    {
        var time = new FakeTimeProvider(Start);
        var registry = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, time);
        if (register)
        {
            registry.Register("payment_api", null, FleetWide);
        }

        var options = new RedisFleetOptions { FleetName = fleet, Configuration = redis.Configuration, InstanceId = name };
        var member = new Member(name, time, registry, await RedisFleet.JoinAsync(registry, configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken));
        registry.Events.Subscribe(e =>
        {
            lock (member.Events)
            {
                member.Events.Add(e);
            }
        }, new EventFilter { Events = [EventType.CircuitOpened, EventType.CircuitClosed, EventType.CircuitReset, EventType.CircuitHalfOpened] });
        return member;
    }

    public ConnectionStatus Status(string identifier = "payment_api", string? scope = null) =>
        Registry.TryGetStatus(identifier, scope, out var status) ? status : throw new InvalidOperationException($"{identifier} is not registered on {Name}");

    public CircuitState State(string identifier = "payment_api") => Status(identifier).State;

    public void Fail(string identifier = "payment_api", int times = 2)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(Registry.ReportFailure(identifier, null, "timeout"));
        }
    }

    public List<BramaEvent> EventsOf(EventType type)
    {
        lock (Events)
        {
            return [.. Events.Where(e => e.Type == type)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        Registry.Dispose();
    }
}

internal static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>Waits until <paramref name="condition"/> holds, at most <see cref="Bound"/>; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        var deadline = DateTime.UtcNow + (bound ?? Bound);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{what} did not happen within {(bound ?? Bound).TotalSeconds} s");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Waits until every message <paramref name="from"/> has sent so far reached <paramref name="to"/>: an operator
    /// command on a connection of its own, sent after them on the same ordered channel, has arrived.
    /// </summary>
    public static async Task FenceAsync(Member from, Member to, int sentBefore)
    {
        await HoldsAsync(() => from.Fleet.Status.MessagesSent >= sentBefore, $"{from.Name}'s messages to leave");
        var fence = "fence_" + Guid.NewGuid().ToString("N")[..8];
        from.Registry.Register(fence, null, Member.FleetWide);
        to.Registry.Register(fence, null, Member.FleetWide);
        Assert.True(await from.Fleet.OpenAsync(fence, reason: "fence"));
        await HoldsAsync(() => to.Status(fence).State == CircuitState.Open, $"the fence to reach {to.Name}");
    }
}
