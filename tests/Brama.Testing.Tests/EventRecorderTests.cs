namespace Brama.Testing.Tests;

public sealed class EventRecorderTests : IDisposable
{
    private readonly BramaTestHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Awaits_an_event_that_has_not_happened_yet()
    {
        _harness.Register("payment_api", options: new ConnectionOptions { MaxAttempts = 2 });
        var waiting = _harness.Events.WaitForAsync(EventType.CircuitOpened, "payment_api", cancellationToken: Token);
        Assert.False(waiting.IsCompleted);

        _harness.Registry.Trip("payment_api", reason: "HTTP 503");

        var opened = await waiting;
        Assert.Equal(CircuitState.Open, opened.Data.NewState);
        Assert.Equal("HTTP 503", opened.Data.Reason);
    }

    [Fact]
    public async Task Returns_an_event_already_recorded()
    {
        _harness.Register("payment_api");
        var first = await _harness.Events.WaitForAsync(EventType.ConnectionRegistered, cancellationToken: Token);

        var again = await _harness.Events.WaitForAsync(EventType.ConnectionRegistered, cancellationToken: Token);

        Assert.Same(first, again);
    }

    [Fact]
    public async Task Records_in_delivery_order_and_filters_by_connection()
    {
        _harness.Register("other");
        _harness.Register("payment_api");
        _harness.Registry.ReportFailure("payment_api", reason: "boom");

        var failure = await _harness.Events.WaitForAsync(e => e.Type == EventType.Failure && e.Connection == "payment_api", cancellationToken: Token);

        Assert.Equal("boom", failure.Data.Reason);
        Assert.Equal(
            [EventType.Registration, EventType.ConnectionRegistered, EventType.Registration, EventType.ConnectionRegistered, EventType.Failure],
            _harness.Events.Types);
        Assert.Equal(["other", "other", "payment_api", "payment_api", "payment_api"], _harness.Events.Events.Select(e => e.Connection));
    }

    [Fact]
    public async Task A_filtered_recorder_sees_only_matching_events()
    {
        using var recorder = new EventRecorder(_harness.Registry, new EventFilter { Connection = "payment_api", Events = [EventType.Failure] });
        _harness.Register("payment_api");
        _harness.Register("other");
        _harness.Registry.ReportFailure("other");
        _harness.Registry.ReportFailure("payment_api", reason: "mine");

        var failure = await recorder.WaitForAsync(EventType.Failure, cancellationToken: Token);

        Assert.Equal("mine", failure.Data.Reason);
        Assert.Single(recorder.Events);
    }

    [Fact]
    public async Task Clear_forgets_what_was_recorded()
    {
        _harness.Register("payment_api");
        await _harness.Events.WaitForAsync(EventType.ConnectionRegistered, cancellationToken: Token);

        _harness.Events.Clear();

        Assert.Empty(_harness.Events.Events);
        _harness.Registry.ReportFailure("payment_api");
        await _harness.Events.WaitForAsync(EventType.Failure, cancellationToken: Token);
        Assert.Equal([EventType.Failure], _harness.Events.Types);
    }

    [Fact]
    public async Task A_timeout_lists_what_was_recorded()
    {
        _harness.Register("payment_api");
        await _harness.Events.WaitForAsync(EventType.ConnectionRegistered, cancellationToken: Token);

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => _harness.Events.WaitForAsync(EventType.CircuitOpened, "payment_api", TimeSpan.FromMilliseconds(50), Token));

        Assert.StartsWith("No CircuitOpened event for 'payment_api' arrived within 00:00:00.0500000. Recorded 2: Registration 'payment_api'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_fails_pending_waits_and_stops_the_subscription()
    {
        var recorder = new EventRecorder(_harness.Registry);
        var waiting = recorder.WaitForAsync(EventType.CircuitOpened, cancellationToken: Token);

        recorder.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        Assert.False(recorder.Subscription.IsActive);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => recorder.WaitForAsync(EventType.Success, cancellationToken: Token));
    }

    [Fact]
    public async Task Cancellation_ends_a_wait()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = _harness.Events.WaitForAsync(EventType.CircuitOpened, cancellationToken: cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
