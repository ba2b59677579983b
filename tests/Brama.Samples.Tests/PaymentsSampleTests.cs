using Brama.Samples.Payments;

namespace Brama.Samples.Tests;

/// <summary>Runs the console sample's own entry point and reads what it printed.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

[Collection(nameof(ConsoleOutput))]
public sealed class PaymentsSampleTests
{
    [Fact]
    public async Task The_payments_sample_shows_the_outage_the_progressive_backoff_the_fallback_and_the_recovery()
    {
        var output = await RunSampleAsync();

        Assert.Contains("balance_api CircuitOpened for 5 s (opening 1): HttpRequestException: balance service unavailable", output);
        Assert.Contains("payment_api CircuitOpened for 2 s (opening 1): 503 from the gateway", output);
        Assert.Contains("payment_api CircuitOpened for 4 s (opening 2): 503 from the gateway", output);
        Assert.Contains("payment_api CircuitOpened for 8 s (opening 3): 503 from the gateway", output);
        Assert.Contains("payment_api CircuitOpened for 16 s (opening 4): 503 from the gateway", output);
        Assert.Contains("rejected, retry after 1.5 s", output);
        Assert.Contains("Declined: card limit exceeded", output);
        Assert.Contains("payment_api CircuitClosed", output);
        Assert.Contains("Final states: balance_api Closed, payment_api Closed.", output);

        // While balance_api is open its fallback answers the last known balance instead of an error.
        var openBalanceRows = output.Split('\n').Where(static l => l.Contains("| Open        | rejected", StringComparison.Ordinal));
        Assert.Contains(openBalanceRows, static l => l.TrimEnd().EndsWith("| 1250", StringComparison.Ordinal));
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
