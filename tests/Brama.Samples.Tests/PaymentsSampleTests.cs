using Brama.Samples.Payments;

namespace Brama.Samples.Tests;

/// <summary>Runs the console sample's own entry point and reads what it printed.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

[Collection(nameof(ConsoleOutput))]
public sealed class PaymentsSampleTests
{
    [Fact]
    public async Task Every_row_shows_the_state_its_call_found_and_the_transitions_it_caused_follow_it()
    {
        var lines = (await RunSampleAsync()).Split('\n').Select(static l => l.TrimEnd()).ToList();

        AssertFollows(lines,
            "  4.5 s | Closed      | GatewayError: 503 from the gateway   | Closed      | error",
            "        -> balance_api CircuitOpened for 5 s (opening 1): HttpRequestException: balance service unavailable");
        AssertFollows(lines,
            "  5.0 s | Closed      | GatewayError: 503 from the gateway   | Open        | 1250 (fallback)",
            "        -> payment_api CircuitOpened for 2 s (opening 1): 503 from the gateway");
        AssertFollows(lines,
            "  5.5 s | Open        | rejected, retry after 1.5 s          | Open        | 1250 (fallback)");
        AssertFollows(lines,
            "  7.0 s | HalfOpen    | GatewayError: 503 from the gateway   | Open        | 1250 (fallback)",
            "        -> payment_api CircuitHalfOpened",
            "        -> payment_api CircuitOpened for 4 s (opening 2): 503 from the gateway");
        AssertFollows(lines,
            " 11.0 s | HalfOpen    | GatewayError: 503 from the gateway   | Open        | 1250 (fallback)",
            "        -> payment_api CircuitHalfOpened",
            "        -> payment_api CircuitOpened for 8 s (opening 3): 503 from the gateway");

        // MaxExpiryMilliseconds caps the progressive break at 8 s, so the circuit closes soon after the outage.
        AssertFollows(lines,
            " 19.0 s | HalfOpen    | GatewayError: 503 from the gateway   | Open        | 1250 (fallback)",
            "        -> payment_api CircuitHalfOpened",
            "        -> payment_api CircuitOpened for 8 s (opening 4): 503 from the gateway");
        AssertFollows(lines,
            " 24.5 s | Open        | rejected, retry after 2.5 s          | HalfOpen    | 1250",
            "        -> balance_api CircuitHalfOpened",
            "        -> balance_api CircuitClosed");
        AssertFollows(lines,
            " 27.0 s | HalfOpen    | Approved: order-55 charged 74.00     | Closed      | 1250",
            "        -> payment_api CircuitHalfOpened",
            "        -> payment_api CircuitClosed",
            " 27.5 s | Closed      | Approved: order-56 charged 75.00     | Closed      | 1250");
        Assert.Contains(" 31.0 s | Closed      | Declined: card limit exceeded        | Closed      | 1250", lines);

        // A row whose call reached the gateway never shows an open circuit.
        Assert.DoesNotContain(lines, static l => l.Contains("| Open        | GatewayError", StringComparison.Ordinal) || l.Contains("| Open        | Approved", StringComparison.Ordinal));
        Assert.Equal(9, lines.Count(static l => l.StartsWith("        -> payment_api", StringComparison.Ordinal)));
        Assert.Equal(9, lines.Count(static l => l.StartsWith("        -> balance_api", StringComparison.Ordinal)));
        Assert.Contains("Charges: 40 reached the gateway, 40 were rejected without calling it.", lines);
        Assert.Contains("Balances: 44 reached the balance service, 36 were answered by the fallback.", lines);
        Assert.Contains("Final states: balance_api Closed, payment_api Closed.", lines);
        Assert.DoesNotContain(lines, static l => l.Contains("did not arrive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_header_lines_up_with_the_rows()
    {
        var lines = (await RunSampleAsync()).Split('\n').Select(static l => l.TrimEnd()).ToList();
        var header = lines.Single(static l => l.Contains("payment_api |", StringComparison.Ordinal) && l.Contains("time", StringComparison.Ordinal));
        var rule = lines[lines.IndexOf(header) + 1];
        var row = lines.First(static l => l.StartsWith("  0.5 s", StringComparison.Ordinal));

        var columns = Enumerable.Range(0, header.Length).Where(i => header[i] == '|').ToList();
        Assert.Equal(4, columns.Count);
        Assert.Equal(columns, Enumerable.Range(0, rule.Length).Where(i => rule[i] == '+'));
        Assert.Equal(columns, Enumerable.Range(0, row.Length).Where(i => row[i] == '|'));
    }

    private static void AssertFollows(List<string> lines, params string[] expected)
    {
        var start = lines.IndexOf(expected[0]);
        Assert.True(start >= 0, "missing: " + expected[0]);
        Assert.Equal(expected, lines.Skip(start).Take(expected.Length));

        // The transitions listed are all there are.
        var next = lines.ElementAtOrDefault(start + expected.Length) ?? string.Empty;
        Assert.False(next.StartsWith("        ->", StringComparison.Ordinal), "unexpected transition after: " + expected[^1] + " -> " + next);
    }

    private static async Task<string> RunSampleAsync()
    {
        var entryPoint = typeof(PaymentClient).Assembly.EntryPoint!;
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            var result = entryPoint.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString();
    }
}
