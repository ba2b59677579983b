using System.Net;
using Brama.Polly.Tests.Recipes;
using Brama.Testing;

namespace Brama.Polly.Tests;

/// <summary>docs/polly.md's example, compiled here and run against real Polly pipelines on a fake clock.</summary>
public sealed class RecipeTests : IDisposable
{
    private readonly BramaTestHarness _brama = new();
    private int _sent;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _brama.Dispose();

    [Fact]
    public async Task A_5xx_is_retried_after_the_delay_and_counted_once()
    {
        var pipeline = CatalogResilience.Create(_brama.Registry, _brama.Time);

        // The callback completes synchronously, so the retry's 200 ms delay is waiting on the fake clock once ExecuteAsync returns.
        var call = pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(++_sent == 1 ? HttpStatusCode.BadGateway : HttpStatusCode.OK)), Token);
        _brama.Advance(TimeSpan.FromMilliseconds(200));
        using var response = await call;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _sent);
        var status = _brama.Registry.ShouldHaveFailureCount("catalog_api", 0);
        Assert.Equal("HTTP 502", status.LastReason);
    }

    [Fact]
    public async Task An_open_circuit_is_not_retried()
    {
        var pipeline = CatalogResilience.Create(_brama.Registry, _brama.Time);
        _brama.Register("catalog_api");
        _brama.Registry.Open("catalog_api", reason: "deploy");

        var rejected = await Assert.ThrowsAsync<BramaBrokenCircuitException>(
            () => pipeline.ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK)), Token).AsTask());

        Assert.Equal("deploy", rejected.Status.LastReason);
        Assert.Equal(0, _sent);
    }

    [Fact]
    public void The_docs_show_the_recipe_as_it_is_compiled_here()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Brama.sln")))
        {
            root = root.Parent!;
        }

        var code = File.ReadAllText(Path.Combine(root.FullName, "tests", "Brama.Polly.Tests", "Recipes", "CatalogResilience.cs")).ReplaceLineEndings("\n");
        var start = code.IndexOf("// <recipe>\n", StringComparison.Ordinal) + "// <recipe>\n".Length;
        var recipe = code[start..code.IndexOf("// </recipe>", StringComparison.Ordinal)];
        var docs = File.ReadAllText(Path.Combine(root.FullName, "docs", "polly.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + recipe + "```", docs, StringComparison.Ordinal);
    }
}
