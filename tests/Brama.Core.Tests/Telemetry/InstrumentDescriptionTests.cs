using System.Diagnostics.Metrics;

namespace Brama.Core.Tests.Telemetry;

/// <summary>What a metrics back end shows for Brama's instruments (unit and description), and the tag names of enums.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class InstrumentDescriptionTests
{
    [Fact]
    public void Every_instrument_is_published_with_its_unit_and_description()
    {
        var published = new Dictionary<string, (string? Unit, string? Description)>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "Brama")
                {
                    published[instrument.Name] = (instrument.Unit, instrument.Description);
                }
            };
            listener.Start();
        }

        Assert.Equal(("{call}", "Calls through Brama connections, by outcome: success, failure, ignored or rejected."), published["brama.calls"]);
        Assert.Equal(("{transition}", "Circuit state transitions, by previous and new state."), published["brama.circuit.transitions"]);
        Assert.Equal(("{event}", "Per-call events dropped because a subscriber's queue was full."), published["brama.events.dropped"]);
        Assert.Equal(("{state}", "The circuit state of each connection: 0 closed, 1 open, 2 half-open."), published["brama.circuit.state"]);
        Assert.Equal(("{call}", "Calls for a new scope value sent to the connection's overflow circuit because its dynamic scopes were at their limit."), published["brama.scope.overflows"]);
        Assert.Equal(("1", "The failure rate in the window of each connection with the failure-rate rule, from 0 to 1."), published["brama.circuit.failure_rate"]);
        Assert.Equal(("1", "The slow-call rate in the window of each connection with the slow-call rule, from 0 to 1."), published["brama.circuit.slow_call_rate"]);
        Assert.Equal(7, published.Count);
    }

    [Theory]
    [InlineData(EventType.StateChange, "state_change")]
    [InlineData(EventType.Registration, "registration")]
    [InlineData(EventType.Failure, "failure")]
    [InlineData(EventType.Success, "success")]
    [InlineData(EventType.Expiry, "expiry")]
    [InlineData(EventType.Cleanup, "cleanup")]
    [InlineData(EventType.CircuitOpened, "circuit_opened")]
    [InlineData(EventType.CircuitClosed, "circuit_closed")]
    [InlineData(EventType.CircuitReset, "circuit_reset")]
    [InlineData(EventType.ConnectionRegistered, "connection_registered")]
    [InlineData(EventType.ConnectionUnregistered, "connection_unregistered")]
    [InlineData(EventType.CircuitHalfOpened, "circuit_half_opened")]
    [InlineData(EventType.ConnectionRemoved, "connection_removed")]
    [InlineData((EventType)13, "unknown")]
    [InlineData((EventType)(-1), "unknown")]
    public void Every_event_type_has_its_snake_case_tag_name(EventType type, string name) =>
        Assert.Equal(name, EventTypeSet.Name(type));

    [Fact]
    public void The_event_types_are_exactly_the_defined_enum_values()
    {
        var defined = Enum.GetValues<EventType>();

        Assert.Equal(EventTypeSet.Count, defined.Length);
        Assert.All(defined, static type => Assert.True(EventTypeSet.IsDefined(type)));
        Assert.False(EventTypeSet.IsDefined((EventType)EventTypeSet.Count));
        Assert.False(EventTypeSet.IsDefined((EventType)(-1)));
    }

    [Theory]
    [InlineData(CircuitState.Closed, "closed")]
    [InlineData(CircuitState.Open, "open")]
    [InlineData(CircuitState.HalfOpen, "half_open")]
    [InlineData((CircuitState)9, "unknown")]
    public void Every_state_has_its_tag_name(CircuitState state, string name) =>
        Assert.Equal(name, TelemetryNames.StateName(state));
}
