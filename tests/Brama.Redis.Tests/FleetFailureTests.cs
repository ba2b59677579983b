using System.Text;
using StackExchange.Redis;

namespace Brama.Redis.Tests;

/// <summary>What most fleets get wrong: Redis going away mid-traffic, and messages that must not be trusted.</summary>
public sealed class FleetFailureTests : FleetTestBase
{
    [Fact]
    public async Task Killing_redis_mid_traffic_loses_no_call_and_no_local_transition_and_its_return_resyncs_the_fleet()
    {
        var a = await JoinAsync("a");
        var b = await JoinAsync("b");
        var connection = a.Registry.Register("orders_api", null, Member.FleetWide);
        using var traffic = new CancellationTokenSource();
        var calls = 0L;
        var rejected = 0L;
        var caller = Task.Run(
            () =>
        {
            while (!traffic.IsCancellationRequested)
            {
                if (connection.TryAcquire(out var permit))
                {
                    permit.Complete(Outcome.Success);
                    Interlocked.Increment(ref calls);
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                }
            }
        },
            TestContext.Current.CancellationToken);

        await Redis.StopAsync();
        await Eventually.HoldsAsync(() => !a.Fleet.Status.IsConnected && !b.Fleet.Status.IsConnected, "both to see the outage");
        var beforeOpening = Interlocked.Read(ref calls);
        a.Fail();
        Assert.Equal(CircuitState.Open, a.State()); // a local transition while Redis is away
        Assert.False(a.Registry.IsAvailable("payment_api")); // it rejects locally
        Assert.Equal(CircuitState.Closed, b.State());
        Assert.Equal(1, a.Fleet.Status.Outages);

        await Redis.StartAsync(); // empty: the fleet's state is gone with the old process
        await Eventually.HoldsAsync(() => b.State() == CircuitState.Open, "b to adopt a's opening once Redis is back", TimeSpan.FromSeconds(30));
        await traffic.CancelAsync();
        await caller.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(beforeOpening > 0);
        Assert.True(Interlocked.Read(ref calls) > beforeOpening); // calls went on through the outage
        Assert.Equal(0, Interlocked.Read(ref rejected)); // and none was refused: only payment_api opened
        Assert.Equal("a", b.Status().FleetOrigin);
        Assert.True(a.Fleet.Status.IsConnected);
        Assert.True(a.Fleet.Status.Resyncs >= 2); // at joining and after the outage
        Assert.Equal(1, a.Fleet.Status.SendFailures); // the opening that could not leave during the outage
        Assert.InRange(a.Fleet.Status.MessagesSent, 1, 2); // sent by the re-sync instead (one per restored connection at most)
    }

    [Fact]
    public async Task An_instance_that_starts_while_redis_is_down_breaks_locally_and_joins_when_it_answers()
    {
        await Redis.StopAsync();
        var a = await JoinAsync("a");

        Assert.False(a.Fleet.Status.IsConnected);
        a.Fail();
        Assert.Equal(CircuitState.Open, a.State());
        a.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(a.Registry.IsAvailable("payment_api")); // no fleet to ask: it probes for itself

        await Redis.StartAsync();
        await Eventually.HoldsAsync(() => a.Fleet.Status.IsConnected && a.Fleet.Status.Resyncs >= 1, "a to join", TimeSpan.FromSeconds(30));
        var b = await JoinAsync("b");
        Assert.True(a.Registry.TryGet("payment_api", out var connection));
        Assert.True(connection.TryAcquire(out var probe));
        probe.Complete(Outcome.Failure("down"));
        await Eventually.HoldsAsync(() => b.State() == CircuitState.Open, "a's reopening to reach b");
    }

    [Theory]
    [InlineData("not json at all", "malformed")]
    [InlineData("{\"v\":2,\"type\":\"opened\",\"id\":\"payment_api\",\"scope\":null,\"from\":\"x\",\"remainingMs\":5000,\"manual\":false,\"at\":0}", "schema version")]
    [InlineData("{\"v\":1,\"type\":\"opened\",\"id\":\"payment_api\",\"scope\":null,\"from\":\"x\",\"remainingMs\":-5,\"manual\":false,\"at\":0}", "invalid values")]
    [InlineData("{\"v\":1,\"type\":\"exploded\",\"id\":\"payment_api\",\"scope\":null,\"from\":\"x\",\"remainingMs\":5000,\"manual\":false,\"at\":0}", "invalid values")]
    [InlineData("{\"v\":1,\"type\":\"opened\",\"id\":\"  \",\"scope\":null,\"from\":\"x\",\"remainingMs\":5000,\"manual\":false,\"at\":0}", "invalid values")]
    [InlineData("{\"v\":1,\"type\":\"opened\",\"id\":\"payment_api\",\"scope\":null,\"from\":\"\",\"remainingMs\":5000,\"manual\":false,\"at\":0}", "invalid values")]
    [InlineData("[1,2,3]", "malformed")]
    [InlineData("LARGE", "too large")]
    public async Task Messages_published_by_hand_that_are_malformed_change_nothing_and_are_counted(string payload, string reason)
    {
        var a = await JoinAsync("a");
        // Under load the first sync can run after joining returns; it would find the junk entry and drop it first.
        await Eventually.HoldsAsync(() => a.Fleet.Status.Resyncs >= 1, "a's first sync");
        using var client = await ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        var bytes = payload == "LARGE"
            ? Encoding.UTF8.GetBytes("{\"v\":1,\"type\":\"opened\",\"id\":\"payment_api\",\"reason\":\"" + new string('x', 5000) + "\"}")
            : Encoding.UTF8.GetBytes(payload);

        await client.GetSubscriber().PublishAsync(RedisChannel.Literal("brama:shop:transitions"), bytes);
        await client.GetDatabase().HashSetAsync("brama:shop:openings", "junk|x", bytes);

        await Eventually.HoldsAsync(() => a.Fleet.Status.MessagesIgnored == 1, "the message to be refused");
        var late = await JoinAsync("late");
        Assert.Equal(1, late.Fleet.Status.MessagesIgnored); // the hash entry, refused at joining

        Assert.Equal(CircuitState.Closed, a.State());
        Assert.Equal(CircuitState.Closed, late.State());
        Assert.Equal(0, a.Fleet.Status.MessagesReceived);
        Assert.Equal(reason, a.Fleet.Status.LastIgnoredReason);
        Assert.False(await client.GetDatabase().HashExistsAsync("brama:shop:openings", "junk|x")); // dropped, not kept

        a.Fail(); // the fleet still works
        await Eventually.HoldsAsync(() => late.State() == CircuitState.Open, "a real opening to travel after the junk");
    }
}
