using static Brama.Core.Tests.Events.RegistryHarness;

namespace Brama.Core.Tests.Events;

/// <summary>End to end: each registry action publishes exactly the events of the design's §3 table, with exact data.</summary>
public class RegistryEventTests
{
    [Fact]
    public async Task Register_publishes_Registration_then_ConnectionRegistered()
    {
        using var harness = new RegistryHarness();

        var events = await harness.EventsOfAsync(() => harness.Register("api", "payments"));

        Assert.Equal(
            [
                "Registration Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
                "ConnectionRegistered Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
            ],
            events.Select(Describe));
        Assert.All(events, e =>
        {
            Assert.Equal(("api", "payments"), (e.Connection, e.Scope));
            Assert.Equal(Start, e.Timestamp);
            Assert.Equal(Metadata, e.Data.Metadata);
        });
    }

    [Fact]
    public async Task Unregister_publishes_ConnectionUnregistered_with_the_last_counts()
    {
        using var harness = new RegistryHarness();
        var connection = harness.Register();
        Fail(connection);
        await harness.EventsOfAsync(() => { });

        var events = await harness.DescribedEventsOfAsync(() => Assert.True(harness.Registry.Unregister("api")));

        Assert.Equal(["ConnectionUnregistered Closed->Closed failures=1 openings=0 reason=- retryAfter=- manual=False"], events);
        Assert.Empty(await harness.EventsOfAsync(() => Assert.False(harness.Registry.Unregister("api"))));
    }

    [Fact]
    public async Task Reported_successes_and_failures_publish_Success_and_Failure()
    {
        using var harness = new RegistryHarness();
        var connection = harness.Register();
        await harness.EventsOfAsync(() => { });

        Assert.Equal(
            [
                "Failure Closed->Closed failures=1 openings=0 reason=timeout retryAfter=- manual=False",
                "Failure Closed->Closed failures=2 openings=0 reason=- retryAfter=- manual=False",
                "Success Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
                "Success Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
            ],
            await harness.DescribedEventsOfAsync(() =>
            {
                harness.Registry.ReportFailure("api", null, "timeout");
                connection.ReportFailure();
                Assert.True(connection.TryAcquire(out var permit));
                permit.Complete(Outcome.Success);
                harness.Registry.ReportSuccess("api");
            }));
        Assert.Empty(await harness.EventsOfAsync(() =>
        {
            Assert.True(connection.TryAcquire(out var permit));
            permit.Complete(Outcome.Ignore);
        }));
    }

    [Fact]
    public async Task Tripping_failure_publishes_Failure_then_CircuitOpened_and_StateChange()
    {
        using var harness = new RegistryHarness();
        var connection = harness.Register();
        await harness.EventsOfAsync(() => { });

        var events = await harness.DescribedEventsOfAsync(() => Fail(connection, 3));

        Assert.Equal(
            [
                "Failure Closed->Closed failures=1 openings=0 reason=boom retryAfter=- manual=False",
                "Failure Closed->Closed failures=2 openings=0 reason=boom retryAfter=- manual=False",
                "Failure Closed->Closed failures=3 openings=0 reason=boom retryAfter=- manual=False",
                "CircuitOpened Closed->Open failures=3 openings=1 reason=boom retryAfter=10s manual=False",
                "StateChange Closed->Open failures=3 openings=1 reason=boom retryAfter=10s manual=False",
            ],
            events);
        Assert.Empty(await harness.EventsOfAsync(() => Assert.False(connection.TryAcquire(out _))));
    }

    [Fact]
    public async Task Expiry_reached_by_a_call_publishes_Expiry_then_CircuitHalfOpened_and_StateChange()
    {
        using var harness = new RegistryHarness();
        var connection = harness.Register();
        Fail(connection, 3);
        await harness.EventsOfAsync(() => { });
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var events = await harness.EventsOfAsync(() => Assert.True(connection.TryAcquire(out _)));

        Assert.Equal(
            [
                "Expiry Open->HalfOpen failures=3 openings=1 reason=- retryAfter=- manual=False",
                "CircuitHalfOpened Open->HalfOpen failures=3 openings=1 reason=- retryAfter=- manual=False",
                "StateChange Open->HalfOpen failures=3 openings=1 reason=- retryAfter=- manual=False",
            ],
            events.Select(Describe));
        Assert.All(events, e => Assert.Equal(Start.AddSeconds(10), e.Timestamp));
        Assert.Empty(await harness.EventsOfAsync(() => Assert.False(connection.TryAcquire(out _)))); // probe slot taken
    }

    [Fact]
    public async Task Expiry_is_published_by_the_periodic_sweep_without_any_call()
    {
        using var harness = new RegistryHarness(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) });
        var connection = harness.Register();
        Fail(connection, 3);
        await harness.EventsOfAsync(() => { });

        var events = await harness.EventsOfAsync(() => harness.Time.Advance(TimeSpan.FromSeconds(10)));

        Assert.Equal([EventType.Expiry, EventType.CircuitHalfOpened, EventType.StateChange], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal("api", e.Connection));
    }

    [Fact]
    public async Task Probe_success_publishes_Success_then_CircuitClosed_and_StateChange()
    {
        using var harness = new RegistryHarness();
        var probe = await harness.TakeProbeAsync();

        Assert.Equal(
            [
                "Success HalfOpen->HalfOpen failures=3 openings=1 reason=- retryAfter=- manual=False",
                "CircuitClosed HalfOpen->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
                "StateChange HalfOpen->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
            ],
            await harness.DescribedEventsOfAsync(() => probe.Complete(Outcome.Success)));
    }

    [Fact]
    public async Task Probe_failure_publishes_Failure_then_CircuitOpened_and_StateChange()
    {
        using var harness = new RegistryHarness();
        var probe = await harness.TakeProbeAsync();

        Assert.Equal(
            [
                "Failure HalfOpen->HalfOpen failures=3 openings=1 reason=still down retryAfter=- manual=False",
                "CircuitOpened HalfOpen->Open failures=3 openings=2 reason=still down retryAfter=10s manual=False",
                "StateChange HalfOpen->Open failures=3 openings=2 reason=still down retryAfter=10s manual=False",
            ],
            await harness.DescribedEventsOfAsync(() => probe.Complete(Outcome.Failure("still down"))));
    }

    [Fact]
    public async Task Probe_timeout_found_by_cleanup_publishes_CircuitOpened_and_StateChange()
    {
        using var harness = new RegistryHarness();
        await harness.TakeProbeAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(
            [
                "CircuitOpened HalfOpen->Open failures=3 openings=2 reason=A probe was not completed within 5 s. retryAfter=10s manual=False",
                "StateChange HalfOpen->Open failures=3 openings=2 reason=A probe was not completed within 5 s. retryAfter=10s manual=False",
            ],
            await harness.DescribedEventsOfAsync(harness.Registry.RunCleanup));
    }

    [Fact]
    public async Task Manual_open_close_and_reset_are_marked_manual_and_carry_their_reason()
    {
        using var harness = new RegistryHarness();
        harness.Register();
        await harness.EventsOfAsync(() => { });

        Assert.Equal(
            [
                "CircuitOpened Closed->Open failures=0 openings=1 reason=maintenance retryAfter=30s manual=True",
                "StateChange Closed->Open failures=0 openings=1 reason=maintenance retryAfter=30s manual=True",
            ],
            await harness.DescribedEventsOfAsync(() => harness.Registry.Open("api", null, "maintenance", TimeSpan.FromSeconds(30))));
        Assert.Equal(
            ["CircuitOpened Open->Open failures=0 openings=2 reason=longer retryAfter=60s manual=True"],
            await harness.DescribedEventsOfAsync(() => harness.Registry.Open("api", null, "longer", TimeSpan.FromSeconds(60))));
        Assert.Equal(
            [
                "CircuitClosed Open->Closed failures=0 openings=2 reason=fixed retryAfter=- manual=True",
                "StateChange Open->Closed failures=0 openings=2 reason=fixed retryAfter=- manual=True",
            ],
            await harness.DescribedEventsOfAsync(() => harness.Registry.Close("api", null, "fixed")));
        Assert.Empty(await harness.EventsOfAsync(() => harness.Registry.Close("api", null, "again")));
        Assert.Equal(
            ["CircuitReset Closed->Closed failures=0 openings=0 reason=deploy retryAfter=- manual=True"],
            await harness.DescribedEventsOfAsync(() => harness.Registry.Reset("api", null, "deploy")));
    }

    [Fact]
    public async Task Reset_of_an_open_circuit_publishes_CircuitReset_and_StateChange_but_no_CircuitClosed()
    {
        using var harness = new RegistryHarness();
        Fail(harness.Register(), 3);
        await harness.EventsOfAsync(() => { });

        Assert.Equal(
            [
                "CircuitReset Open->Closed failures=0 openings=0 reason=deploy retryAfter=- manual=True",
                "StateChange Open->Closed failures=0 openings=0 reason=deploy retryAfter=- manual=True",
            ],
            await harness.DescribedEventsOfAsync(() => harness.Registry.Reset("api", null, "deploy")));
    }

    [Fact]
    public async Task Cleanup_of_an_idle_connection_publishes_ConnectionRemoved_then_Cleanup()
    {
        using var harness = new RegistryHarness(new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(10) });
        harness.Registry.Register("idle", "batch", RegistryHarness.Options with { InactivityTimeout = TimeSpan.FromSeconds(30) });
        await harness.EventsOfAsync(() => { });
        Assert.Empty(await harness.EventsOfAsync(() => harness.Time.Advance(TimeSpan.FromSeconds(30))));

        var events = await harness.EventsOfAsync(() => harness.Time.Advance(TimeSpan.FromSeconds(10)));

        Assert.Equal(
            [
                "ConnectionRemoved Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
                "Cleanup Closed->Closed failures=0 openings=0 reason=- retryAfter=- manual=False",
            ],
            events.Select(Describe));
        Assert.All(events, e => Assert.Equal(("idle", "batch", Start.AddSeconds(40)), (e.Connection, e.Scope, e.Timestamp)));
    }

    [Fact]
    public async Task Filters_apply_to_the_registry_events_by_connection_scope_and_type()
    {
        using var harness = new RegistryHarness();
        var stream = harness.Registry.Events.Stream(new EventFilter { Events = [EventType.StateChange], Connection = "api", Scope = "eu" });
        var unscoped = harness.Registry.Events.Stream(new EventFilter { Connection = "api", UnscopedOnly = true });
        Fail(harness.Register("api", "eu"), 3);
        Fail(harness.Register("api", "us"), 3);
        Fail(harness.Register("api"), 1);
        harness.Registry.Reset("api", "eu");

        harness.Dispose();

        Assert.Equal(
            [(CircuitState.Closed, CircuitState.Open), (CircuitState.Open, CircuitState.Closed)],
            (await ReadAsync(stream)).Select(e => (e.Data.PreviousState, e.Data.NewState)));
        Assert.Equal(
            [EventType.Registration, EventType.ConnectionRegistered, EventType.Failure],
            (await ReadAsync(unscoped)).Select(e => e.Type));
    }

    [Fact]
    public async Task Events_of_one_connection_arrive_in_state_machine_order_under_concurrent_callers()
    {
        const int Callers = 4;
        const int PerCaller = 500;
        using var harness = new RegistryHarness(new BramaOptions { EventQueueCapacity = Callers * PerCaller * 2 });
        var connection = harness.Registry.Register("shared", null, RegistryHarness.Options with { MaxAttempts = int.MaxValue });
        var failures = new EventRecorder();
        using var subscription = harness.Registry.Events.Subscribe(failures.Record, EventFilter.ForEvents(EventType.Failure));
        using var start = new Barrier(Callers);

        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait(TestContext.Current.CancellationToken);
                for (var i = 0; i < PerCaller; i++)
                {
                    connection.ReportFailure();
                }
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        await Task.WhenAll(callers).WaitSignalAsync();

        var events = await failures.WaitForCountAsync(Callers * PerCaller);
        Assert.Equal(Enumerable.Range(1, Callers * PerCaller), events.Select(e => e.Data.FailureCount));
    }

    [Fact]
    public async Task A_throwing_handler_leaves_calls_and_the_breaker_untouched_and_is_logged_by_the_current_options_logger()
    {
        var first = new ListLogger();
        var second = new ListLogger();
        using var harness = new RegistryHarness(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1), Logger = first });
        using var fences = new SemaphoreSlim(0);
        using var throwing = harness.Registry.Events.Subscribe(
            e =>
            {
                if (e.Data.Reason == "fence")
                {
                    fences.Release(); // everything before it was handled (and threw)
                    return;
                }

                throw new InvalidOperationException("broken handler");
            },
            new EventFilter { Connection = "api" });

        var connection = harness.Register(); // Registration, ConnectionRegistered
        Fail(connection, 3); // 3 × Failure, CircuitOpened, StateChange
        Assert.Equal(CircuitState.Open, connection.State);
        connection.ReportFailure("fence"); // a late report: recorded, the circuit stays open
        Assert.True(await fences.WaitAsync(TestWait.Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(7, first.Entries.Count);

        harness.Registry.Configure(harness.Registry.Options with { Logger = second });
        Assert.True(harness.Registry.Reset("api")); // CircuitReset, StateChange
        Assert.Equal(CircuitState.Closed, connection.State);
        connection.ReportFailure("fence");
        Assert.True(await fences.WaitAsync(TestWait.Timeout, TestContext.Current.CancellationToken));

        Assert.Equal(9, throwing.ExceptionCount);
        Assert.True(throwing.IsActive);
        Assert.Equal(7, first.Entries.Count);
        Assert.Equal(2, second.Entries.Count);
        Assert.All(second.Entries, entry => Assert.Equal("broken handler", entry.Exception?.Message));
        Assert.Equal(0, harness.Subscription.ExceptionCount);
    }

    [Fact]
    public async Task Disposing_the_registry_ends_its_streams_and_stops_its_handlers()
    {
        var harness = new RegistryHarness();
        var stream = harness.Registry.Events.Stream();
        harness.Register();

        harness.Dispose();
        await harness.Subscription.Completion.WaitSignalAsync();

        Assert.Equal([EventType.Registration, EventType.ConnectionRegistered], (await ReadAsync(stream)).Select(e => e.Type));
        Assert.False(harness.Subscription.IsActive);
        Assert.Throws<ObjectDisposedException>(() => harness.Registry.Events.Subscribe(_ => { }));
        Assert.True(harness.Registry.ReportFailure("api")); // the breaker keeps working
    }

    private static async Task<List<BramaEvent>> ReadAsync(EventStream stream)
    {
        var events = new List<BramaEvent>();
        await foreach (var e in stream.WithCancellation(TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }
}
