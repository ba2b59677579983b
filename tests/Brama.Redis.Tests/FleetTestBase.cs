namespace Brama.Redis.Tests;

/// <summary>A redis-server of each test's own, and the members the test joined to it, all stopped at the end.</summary>
public abstract class FleetTestBase : IAsyncLifetime
{
    private readonly List<Member> _members = [];

    internal RedisServer Redis { get; } = new();

    public ValueTask InitializeAsync() => Redis.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    internal async Task<Member> JoinAsync(string name, Func<RedisFleetOptions, RedisFleetOptions>? configure = null, string fleet = "shop", bool register = true)
    {
        var member = await Member.JoinAsync(Redis, name, configure, fleet, register);
        _members.Add(member);
        return member;
    }
}
