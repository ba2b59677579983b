namespace Brama.Redis.Tests;

/// <summary>Registries of one process joined to a fleet on a real redis-server of each test's own.</summary>
public sealed class FleetTests : FleetTestBase
{
    [Fact]
    public async Task An_opening_reaches_the_other_instances_with_its_remaining_break_and_its_origin()
    {
        var a = await JoinAsync("a");
        var b = await JoinAsync("b");
        a.Time.Advance(TimeSpan.FromSeconds(10));
        b.Time.Advance(TimeSpan.FromSeconds(10));

        a.Fail();

        await Eventually.HoldsAsync(() => b.State() == CircuitState.Open, "b adopting a's opening");
        var adopted = b.Status();
        Assert.Equal("a", adopted.FleetOrigin);
        Assert.Equal(TimeSpan.FromSeconds(30), adopted.RetryAfter);
        Assert.Equal("timeout", adopted.LastReason);
        var opened = Assert.Single(b.EventsOf(EventType.CircuitOpened));
        Assert.Equal(("a", false), (opened.Data.FleetOrigin, opened.Data.IsManual));
        Assert.False(b.Registry.TryGet("payment_api", out var connection) && connection.TryAcquire(out _));
        Assert.Null(a.Status().FleetOrigin);
        Assert.Equal(1, a.Fleet.Status.MessagesSent);
        Assert.Equal(0, b.Fleet.Status.MessagesSent); // an adopted opening is not sent back
    }

    [Fact]
    public async Task Connections_that_are_not_fleet_wide_stay_local()
    {
        var a = await JoinAsync("a");
        var b = await JoinAsync("b");
        a.Registry.Register("local_api", null, Member.FleetWide with { FleetWide = false });
        b.Registry.Register("local_api", null, Member.FleetWide with { FleetWide = false });

        a.Fail("local_api");
        await Eventually.FenceAsync(a, b, sentBefore: 0);

        Assert.Equal(CircuitState.Open, a.State("local_api"));
        Assert.Equal(CircuitState.Closed, b.State("local_api"));
        Assert.False(b.Registry.ApplyFleetTransition(new FleetTransition("local_api", null, FleetTransitionKind.Opened, "x", RemainingBreak: TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public async Task When_the_break_ends_exactly_one_instance_probes_and_its_result_closes_every_circuit()
    {
        var members = new[] { await JoinAsync("a"), await JoinAsync("b"), await JoinAsync("c") };
        members[0].Fail();
        await Eventually.HoldsAsync(() => members.All(m => m.State() == CircuitState.Open), "every instance open");

        foreach (var member in members)
        {
            member.Time.Advance(TimeSpan.FromSeconds(31));
            Assert.False(member.Registry.IsAvailable("payment_api")); // asks the gate; the lease is being taken
        }

        await Eventually.HoldsAsync(() => members.Count(m => m.State() == CircuitState.HalfOpen) == 1, "one instance to win the probe");
        var prober = members.Single(m => m.State() == CircuitState.HalfOpen);
        foreach (var other in members.Where(m => m != prober))
        {
            other.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(CircuitState.Open, other.State()); // held: the lease is taken
        }

        Assert.True(prober.Registry.TryGet("payment_api", out var connection));
        Assert.True(connection.TryAcquire(out var probe));
        probe.Complete(Outcome.Success);

        await Eventually.HoldsAsync(() => members.All(m => m.State() == CircuitState.Closed), "every instance closed by the probe");
        Assert.All(members.Where(m => m != prober), m => Assert.Equal(prober.Name, m.EventsOf(EventType.CircuitClosed).Single().Data.FleetOrigin));
        Assert.All(members.Where(m => m != prober), m => Assert.Empty(m.EventsOf(EventType.CircuitHalfOpened)));
    }

    [Fact]
    public async Task A_failed_probe_reopens_every_circuit_for_a_new_break()
    {
        var a = await JoinAsync("a");
        var b = await JoinAsync("b");
        a.Fail();
        await Eventually.HoldsAsync(() => b.State() == CircuitState.Open, "b open");
        a.Time.Advance(TimeSpan.FromSeconds(31));
        b.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.False(a.Registry.IsAvailable("payment_api"));
        await Eventually.HoldsAsync(() => a.State() == CircuitState.HalfOpen, "a to take the probe");

        Assert.True(a.Registry.TryGet("payment_api", out var connection));
        Assert.True(connection.TryAcquire(out var probe));
        probe.Complete(Outcome.Failure("still down"));

        await Eventually.HoldsAsync(() => b.EventsOf(EventType.CircuitOpened).Count == 2, "b to adopt the reopening");
        Assert.Equal(CircuitState.Open, b.State());
        Assert.Equal(TimeSpan.FromSeconds(30), b.Status().RetryAfter);
        Assert.Equal("still down", b.Status().LastReason);
    }

    [Fact]
    public async Task An_operator_isolate_reaches_every_instance_and_one_that_joins_while_it_holds()
    {
        var a = await JoinAsync("a");
        var b = await JoinAsync("b");

        Assert.True(await a.Fleet.OpenAsync("payment_api", reason: "maintenance"));

        await Eventually.HoldsAsync(() => b.State() == CircuitState.Open, "b isolated");
        Assert.Equal(CircuitState.Open, a.State());
        foreach (var member in new[] { a, b })
        {
            var opened = Assert.Single(member.EventsOf(EventType.CircuitOpened));
            Assert.Equal(("operator@a", true, "maintenance"), (opened.Data.FleetOrigin, opened.Data.IsManual, opened.Data.Reason));
        }

        var late = await JoinAsync("late", register: false);
        late.Registry.Register("payment_api", null, Member.FleetWide);
        Assert.Equal(CircuitState.Open, late.State()); // before its first call
        Assert.Equal("operator@a", late.Status().FleetOrigin);

        Assert.True(await b.Fleet.CloseAsync("payment_api", reason: "done"));
        await Eventually.HoldsAsync(() => a.State() == CircuitState.Closed && late.State() == CircuitState.Closed, "every instance closed");
        var joinedAfterClose = await JoinAsync("later");
        Assert.Equal(CircuitState.Closed, joinedAfterClose.State());
    }

    [Fact]
    public async Task A_restarted_instance_adopts_the_running_opening_before_its_first_call()
    {
        var a = await JoinAsync("a");
        a.Fail();
        await Eventually.HoldsAsync(() => a.Fleet.Status.MessagesSent == 1, "a's opening to leave");
        a.Time.Advance(TimeSpan.FromSeconds(12));

        var restarted = await JoinAsync("b");

        Assert.Equal(CircuitState.Open, restarted.State());
        Assert.Equal("a", restarted.Status().FleetOrigin);
        var left = restarted.Status().RetryAfter!.Value;
        Assert.InRange(left, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(30)); // a's break, less the real time since it left
    }

    [Fact]
    public async Task With_a_quorum_of_two_one_opening_does_not_travel_and_a_second_one_does()
    {
        RedisFleetOptions Quorum(RedisFleetOptions o) => o with { Quorum = 2 };
        var a = await JoinAsync("a", Quorum);
        var b = await JoinAsync("b", Quorum);
        var c = await JoinAsync("c", Quorum);

        a.Fail();
        await Eventually.FenceAsync(a, c, sentBefore: 1);
        Assert.Equal(CircuitState.Closed, c.State());
        Assert.Equal(CircuitState.Closed, b.State());

        b.Fail();
        await Eventually.HoldsAsync(() => c.State() == CircuitState.Open, "c to adopt once two instances opened");
        Assert.Equal("b", c.Status().FleetOrigin);
    }

    [Fact]
    public async Task Fleets_with_other_names_share_nothing_on_one_redis()
    {
        var shop = await JoinAsync("a");
        var other = await JoinAsync("b", fleet: "other");
        var shopPeer = await JoinAsync("c");

        shop.Fail();

        await Eventually.HoldsAsync(() => shopPeer.State() == CircuitState.Open, "the same fleet to adopt");
        await Eventually.FenceAsync(shop, shopPeer, sentBefore: 1);
        Assert.Equal(CircuitState.Closed, other.State());
        Assert.Equal(0, other.Fleet.Status.MessagesReceived);
    }

    [Fact]
    public async Task Bad_options_are_rejected_naming_the_option()
    {
        using var registry = new ConnectionRegistry();
        RedisFleetOptions Valid() => new() { FleetName = "shop", Configuration = Redis.Configuration };

        Assert.Equal("FleetName", Assert.Throws<ArgumentException>(() => new RedisFleet(registry, Valid() with { FleetName = "a b" })).ParamName);
        Assert.Equal("FleetName", Assert.Throws<ArgumentException>(() => new RedisFleet(registry, Valid() with { FleetName = new string('x', 65) })).ParamName);
        Assert.Equal("Configuration", Assert.Throws<ArgumentException>(() => new RedisFleet(registry, Valid() with { Configuration = " " })).ParamName);
        Assert.Equal("Quorum", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisFleet(registry, Valid() with { Quorum = 0 })).ParamName);
        Assert.Equal("ProbeLease", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisFleet(registry, Valid() with { ProbeLease = TimeSpan.Zero })).ParamName);
        Assert.Equal("InstanceId", Assert.Throws<ArgumentException>(() => new RedisFleet(registry, Valid() with { InstanceId = "" })).ParamName);
        await using var fleet = await RedisFleet.JoinAsync(registry, Valid(), TestContext.Current.CancellationToken);
        Assert.Equal("expiry", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => fleet.OpenAsync("api", expiry: TimeSpan.Zero))).ParamName);
        Assert.Equal("identifier", (await Assert.ThrowsAsync<ArgumentException>(() => fleet.OpenAsync(" "))).ParamName);
        Assert.Equal("reason", (await Assert.ThrowsAsync<ArgumentException>(() => fleet.CloseAsync("api", reason: new string('r', 1025)))).ParamName);
    }
}
