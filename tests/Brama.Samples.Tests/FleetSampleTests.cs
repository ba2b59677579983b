using System.Diagnostics;

namespace Brama.Samples.Tests;

/// <summary>
/// The fleet sample as the README runs it: its own redis-server and four real processes. Every line an instance says
/// is echoed under its name, so the test reads what each process did.
/// </summary>
public sealed class FleetSampleTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_opening_a_single_probe_and_operator_commands_travel_between_real_processes()
    {
        var (exitCode, lines) = await RunAsync();

        Assert.True(exitCode == 0, string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith("  [a] event CircuitOpened payment_api from=- manual=False", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  [b] event CircuitOpened payment_api from=a manual=False", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  [c] event CircuitOpened payment_api from=a manual=False", StringComparison.Ordinal));
        Assert.Contains("  [b] call rejected", lines);

        // Exactly one instance probed for the fleet; the other two were held, and went half-open never.
        var probing = lines.Where(static l => l.EndsWith("] probing", StringComparison.Ordinal)).ToList();
        var prober = Assert.Single(probing)[3..4];
        Assert.Equal(2, lines.Count(static l => l.EndsWith("] held", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("event CircuitHalfOpened", StringComparison.Ordinal));
        foreach (var other in new[] { "a", "b", "c" }.Where(n => n != prober))
        {
            Assert.Contains(lines, l => l.StartsWith($"  [{other}] event CircuitClosed payment_api from={prober} manual=False", StringComparison.Ordinal));
        }

        // The operator's isolation reached every instance, including d, which started open.
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            Assert.Contains(lines, l => l.StartsWith($"  [{name}] event CircuitOpened payment_api from=operator@b manual=True reason=maintenance", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith($"  [{name}] event CircuitClosed payment_api from=operator@c manual=True reason=maintenance over", StringComparison.Ordinal));
        }

        Assert.Contains("  [d] ready d Open", lines);
        Assert.Equal("Fleet story complete: an opening, a probe and two operator commands travelled between four processes.", lines[^1]);
    }

    private static async Task<(int ExitCode, List<string> Lines)> RunAsync()
    {
        var sample = typeof(Fleet.PaymentClient).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(sample);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = (await output).Split('\n').Select(static l => l.TrimEnd('\r')).Where(static l => l.Length > 0).ToList();
        lines.AddRange((await errors).Split('\n').Where(static l => l.Length > 0).Select(static l => "stderr: " + l));
        return (process.ExitCode, lines);
    }
}
