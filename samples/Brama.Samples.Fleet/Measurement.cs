using System.Globalization;

namespace Brama.Samples.Fleet;

/// <summary>
/// P10 (docs/performance.md): how long an opening takes to travel from one process to another over Redis on loopback,
/// from the transition on the first to the adopted transition on the second (both on the machine's wall clock), and
/// how many transitions per second one instance's fleet-wide circuit can send to another.
/// </summary>
internal static class Measurement
{
    public static async Task<int> RunAsync(string redis, int openings)
    {
        using var server = redis == "own" ? await RedisProcess.StartAsync() : null;
        var configuration = server?.Configuration ?? redis;
        await using var a = InstanceProcess.Start("a", configuration, quiet: true);
        await using var b = InstanceProcess.Start("b", configuration, quiet: true);
        a.WaitFor("ready");
        b.WaitFor("ready");

        var latencies = new List<double>(openings);
        for (var i = 0; i < openings; i++)
        {
            a.Send("open measured");
            var sent = At(a.WaitFor("event CircuitOpened"));
            var adopted = At(b.WaitFor("event CircuitOpened"));
            latencies.Add((adopted - sent) / (double)TimeSpan.TicksPerMillisecond);
            a.Send("reset");
            a.WaitFor("event CircuitReset");
            b.WaitFor("event CircuitReset");
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"openings: {openings}, propagation median {Percentile(latencies, 0.5):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms"));

        const int Cycles = 5_000;
        a.Send($"burst {Cycles}");
        var first = At(b.WaitFor("event CircuitOpened"));
        var last = first;
        for (var i = 1; i < 2 * Cycles; i++)
        {
            last = At(b.WaitForAny(["event CircuitOpened", "event CircuitReset"]));
        }

        var seconds = (last - first) / (double)TimeSpan.TicksPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {2 * Cycles} transitions applied on b in {seconds:F2} s = {2 * Cycles / seconds:F0} per second"));
        return 0;
    }

    private static long At(string line) =>
        long.Parse(line[(line.LastIndexOf("at=", StringComparison.Ordinal) + 3)..], CultureInfo.InvariantCulture);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
