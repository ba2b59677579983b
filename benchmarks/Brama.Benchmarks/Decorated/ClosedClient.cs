namespace Brama.Benchmarks.Decorated;

/// <summary>Decorated methods on connections that stay closed: the success hot path of every shape.</summary>
internal static partial class ClosedClient
{
    public const string Connection = "bench_closed";

    [CircuitBreaker(Connection)]
    public static partial int One();

    [CircuitBreaker(Connection)]
    public static partial Task<int> OneTask();

    [CircuitBreaker(Connection)]
    public static partial ValueTask<int> OneValueTask();

    [CircuitBreaker(Connection)]
    public static partial Task<int> OneTaskYielding();

    [CircuitBreaker(Connection)]
    public static partial ValueTask<int> OneValueTaskYielding();

    private static int OneCore() => Work.One();

    private static Task<int> OneTaskCore() => Work.OneTask();

    private static ValueTask<int> OneValueTaskCore() => Work.OneValueTask();

    private static Task<int> OneTaskYieldingCore() => Work.OneTaskYielding();

    private static ValueTask<int> OneValueTaskYieldingCore() => Work.OneValueTaskYielding();
}
