namespace Brama.IntegrationTests.Decorated;

/// <summary>A decorated client whose fallback has a bug, next to a healthy connection of the same type.</summary>
public sealed partial class FaultyFallbackClient(ConnectionRegistry registry)
{
    private readonly ConnectionRegistry _registry = registry;

    public bool Failing { get; set; }

    public int CoreCalls { get; private set; }

    [CircuitBreaker("faulty_fallback", MaxAttempts = 2, ExpiryMilliseconds = 10_000, Fallback = nameof(BrokenFallback))]
    public partial int Load(int id);

    [CircuitBreaker("healthy_neighbour", MaxAttempts = 2)]
    public partial int Neighbour(int id);

    private int LoadCore(int id)
    {
        CoreCalls++;
        return Failing ? throw new TimeoutException("dependency timed out") : id;
    }

    private int BrokenFallback(int id) => throw new InvalidOperationException("fallback bug for " + id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private int NeighbourCore(int id) => id * 10;
}
