namespace Brama.Core.Tests.Events;

/// <summary>The one-line text of an event, as it appears in logs.</summary>
public sealed class EventTextTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unscoped_event_without_a_reason()
    {
        var data = new BramaEventData { PreviousState = CircuitState.Closed, NewState = CircuitState.Closed, FailureCount = 0 };

        Assert.Equal(
            "Success 'api' at 2026-03-01T12:00:00.0000000+00:00: Closed -> Closed, failures 0, openings 0",
            new BramaEvent(EventType.Success, At, "api", null, data).ToString());
    }

    [Fact]
    public void A_scoped_manual_event_with_a_reason()
    {
        var data = new BramaEventData
        {
            PreviousState = CircuitState.Closed, NewState = CircuitState.Open, FailureCount = 2, Openings = 1, IsManual = true, Reason = "maintenance",
        };

        Assert.Equal(
            "CircuitOpened 'api' in scope 'eu' at 2026-03-01T12:00:00.0000000+00:00: Closed -> Open, failures 2, openings 1 (manual): maintenance",
            new BramaEvent(EventType.CircuitOpened, At, "api", "eu", data).ToString());
    }
}
