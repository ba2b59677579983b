namespace Brama.Benchmarks.Decorated;

/// <summary>Decorated methods on a connection the benchmarks hold open: the rejection paths.</summary>
internal static partial class OpenClient
{
    public const string Connection = "bench_open";

    [CircuitBreaker(Connection, Fallback = nameof(Fallback))]
    public static partial int WithFallback();

    [CircuitBreaker(Connection)]
    public static partial int WithoutFallback();

    private static int WithFallbackCore() => Work.One();

    private static int WithoutFallbackCore() => Work.One();

    private static int Fallback() => -1;

    /// <summary>Opens the connection for a year, so that no benchmark iteration sees it heal.</summary>
    public static void HoldOpen()
    {
        ConnectionRegistry.Default.GetOrRegister(Connection);
        ConnectionRegistry.Default.Open(Connection, reason: "benchmark", expiry: ConnectionOptions.MaxTime);
    }
}
