namespace Brama.Testing.Tests;

public sealed class ArgumentValidationTests : IDisposable
{
    private readonly BramaTestHarness _harness = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, Action<ConnectionRegistry>> NullRegistryCalls => new()
    {
        { "SetState", r => r.SetState("a", CircuitState.Open) },
        { "AddFailures", r => r.AddFailures("a", 1) },
        { "Trip", r => r.Trip("a") },
        { "AdvancePastExpiry", r => r.AdvancePastExpiry("a") },
        { "SimulateRecovery", r => r.SimulateRecovery("a") },
        { "ShouldBeInState", r => r.ShouldBeInState("a", CircuitState.Open) },
        { "ShouldBeClosed", r => r.ShouldBeClosed("a") },
        { "ShouldBeOpen", r => r.ShouldBeOpen("a") },
        { "ShouldBeHalfOpen", r => r.ShouldBeHalfOpen("a") },
        { "ShouldHaveFailureCount", r => r.ShouldHaveFailureCount("a", 0) },
    };

    public static TheoryData<string, Action<ConnectionRegistry>> UnknownConnectionCalls => new()
    {
        { "SetState", r => r.SetState("unknown", CircuitState.Open) },
        { "AddFailures", r => r.AddFailures("unknown", 1) },
        { "Trip", r => r.Trip("unknown") },
        { "AdvancePastExpiry", r => r.AdvancePastExpiry("unknown") },
        { "SimulateRecovery", r => r.SimulateRecovery("unknown") },
    };

    [Theory]
    [MemberData(nameof(NullRegistryCalls))]
    public void A_null_registry_is_named(string helper, Action<ConnectionRegistry> call)
    {
        var error = Assert.Throws<ArgumentNullException>(() => call(null!));

        Assert.True(error.ParamName == "registry", helper);
    }

    [Theory]
    [MemberData(nameof(UnknownConnectionCalls))]
    public void An_unknown_connection_names_the_identifier(string helper, Action<ConnectionRegistry> call)
    {
        var error = Assert.Throws<ArgumentException>(() => call(_harness.Registry));

        Assert.True(error.ParamName == "identifier", helper);
        Assert.StartsWith("No connection 'unknown' is registered in this registry.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_names_are_rejected_by_the_registry_rules()
    {
        Assert.Equal("identifier", Assert.Throws<ArgumentNullException>(() => _harness.Registry.Trip(null!)).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => _harness.Registry.Trip(" ")).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => _harness.Registry.Trip("a", "")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => _harness.Registry.ShouldBeOpen("")).ParamName);
    }

    [Fact]
    public void Bad_values_are_named()
    {
        _harness.Register("a");

        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => _harness.Registry.AddFailures("a", 0)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => _harness.Registry.SetState("a", (CircuitState)7)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentOutOfRangeException>(() => _harness.Registry.ShouldBeInState("a", (CircuitState)7)).ParamName);
        Assert.Equal("expected", Assert.Throws<ArgumentOutOfRangeException>(() => _harness.Registry.ShouldHaveFailureCount("a", -1)).ParamName);
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => ((Connection)null!).ShouldBeInState(CircuitState.Open)).ParamName);
    }

    [Fact]
    public void Recorder_arguments_are_named()
    {
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => new EventRecorder(null!)).ParamName);
        Assert.Equal("filter", Assert.Throws<ArgumentException>(() => new EventRecorder(_harness.Registry, new EventFilter { Events = [] })).ParamName);
        Assert.Equal("predicate", Assert.Throws<ArgumentNullException>(() => { _ = _harness.Events.WaitForAsync((Func<BramaEvent, bool>)null!, cancellationToken: Token); }).ParamName);
        Assert.Equal("connection", Assert.Throws<ArgumentException>(() => { _ = _harness.Events.WaitForAsync(EventType.Success, " ", cancellationToken: Token); }).ParamName);
        Assert.Equal("type", Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _harness.Events.WaitForAsync((EventType)99, cancellationToken: Token); }).ParamName);
    }

    [Fact]
    public async Task A_non_positive_timeout_is_named()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _harness.Events.WaitForAsync(EventType.Success, timeout: TimeSpan.Zero, cancellationToken: Token));

        Assert.Equal("timeout", error.ParamName);
    }
}
