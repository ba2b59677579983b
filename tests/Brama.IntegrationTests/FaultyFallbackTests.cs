using Brama.IntegrationTests.Decorated;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

/// <summary>A fallback that throws: its exception reaches the caller, and the breaker and other connections carry on.</summary>
public sealed class FaultyFallbackTests : IDisposable
{
    private readonly TestRegistry _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void A_throwing_fallback_changes_neither_the_circuit_nor_its_neighbours()
    {
        var client = new FaultyFallbackClient(_test.Registry) { Failing = true };
        Assert.Throws<TimeoutException>(() => client.Load(1));
        Assert.Throws<TimeoutException>(() => client.Load(2));
        var opened = _test.Status("faulty_fallback");
        Assert.Equal(CircuitState.Open, opened.State);

        var error = Assert.Throws<InvalidOperationException>(() => client.Load(3));
        Assert.Equal("fallback bug for 3", error.Message);
        Assert.Throws<InvalidOperationException>(() => client.Load(4));

        var stillOpen = _test.Status("faulty_fallback");
        Assert.Equal(CircuitState.Open, stillOpen.State);
        Assert.Equal(opened.ExpiresAt, stillOpen.ExpiresAt);
        Assert.Equal(opened.FailureCount, stillOpen.FailureCount);
        Assert.Equal(0, stillOpen.ProbesInFlight);
        Assert.Equal(2, client.CoreCalls);
        Assert.Equal(70, client.Neighbour(7));
        Assert.Equal(CircuitState.Closed, _test.Status("healthy_neighbour").State);

        // The break ends on time and a probe closes the circuit: the fallback's bug left nothing behind.
        client.Failing = false;
        _test.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, client.Load(5));
        Assert.Equal(CircuitState.Closed, _test.Status("faulty_fallback").State);
    }
}
