using Brama.IntegrationTests.Recipes;
using Brama.IntegrationTests.Support;

namespace Brama.IntegrationTests;

/// <summary>The recipe of docs/retry-with-polly.md, run against real Polly pipelines on a fake clock.</summary>
public sealed class RetryWithPollyTests : IDisposable
{
    private readonly TestRegistry _test = new();
    private int _sent;

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task A_transient_failure_is_retried_and_succeeds()
    {
        var inventory = new InventoryClient(_test.Registry, (sku, _) =>
            ++_sent == 1 ? Task.FromException<int>(new HttpRequestException("reset")) : Task.FromResult(sku.Length));

        var stock = await RunAsync(InventoryResilience.CreateRetry(_test.Time), inventory);

        Assert.Equal(6, stock);
        Assert.Equal(2, _sent);
        Assert.Equal(CircuitState.Closed, _test.Status("inventory_api").State);
    }

    [Fact]
    public async Task An_open_circuit_stops_the_retries()
    {
        var inventory = new InventoryClient(_test.Registry, (_, _) => { _sent++; return Task.FromException<int>(new HttpRequestException("down")); });

        // Three failures open the circuit; the fourth attempt is rejected, and the rejection is not retried.
        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => RunAsync(InventoryResilience.CreateRetry(_test.Time), inventory));

        Assert.Equal(3, _sent);
        Assert.InRange(rejected.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.Open, _test.Status("inventory_api").State);

        // Later calls fail fast without a single retry or delay.
        await Assert.ThrowsAsync<CircuitOpenException>(() => RunAsync(InventoryResilience.CreateRetry(_test.Time), inventory));
        Assert.Equal(3, _sent);
    }

    [Fact]
    public void The_docs_show_the_recipe_as_it_is_compiled_here()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Brama.sln")))
        {
            root = root.Parent!;
        }

        var code = File.ReadAllText(Path.Combine(root.FullName, "tests", "Brama.IntegrationTests", "Recipes", "RetryWithPolly.cs")).ReplaceLineEndings("\n");
        var recipe = code[(code.IndexOf("// <recipe>\n", StringComparison.Ordinal) + "// <recipe>\n".Length)..code.IndexOf("// </recipe>", StringComparison.Ordinal)];
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "retry-with-polly.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + recipe + "```", docs, StringComparison.Ordinal);
    }

    /// <summary>Runs the call through the pipeline, moving the fake clock past each retry delay.</summary>
    private async Task<int> RunAsync(Polly.ResiliencePipeline retry, InventoryClient inventory)
    {
        var call = retry.ExecuteAsync(static (state, ct) => new ValueTask<int>(state.GetStockAsync("sku-42", ct)), inventory, CancellationToken.None).AsTask();
        for (var i = 0; i < 100 && !call.IsCompleted; i++)
        {
            await Task.Delay(5);
            _test.Time.Advance(TimeSpan.FromSeconds(1));
        }

        return await call.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
