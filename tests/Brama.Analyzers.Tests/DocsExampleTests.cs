using System.Text.RegularExpressions;
using Brama.Analyzers.Tests.Infrastructure;
using Brama.Generators;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Analyzers.Tests;

/// <summary>The docs pages tell the truth: each "Wrong" example draws its rule once, each "Right" example draws nothing and compiles.</summary>
public partial class DocsExampleTests
{
    // The types and members the examples use. Examples are nested in a partial class that supplies the fields.
    private const string Prelude = """
        using System.Collections.Generic;
        public record Order(int Id);
        public record Receipt;
        public record Refund(bool Accepted, string? Error);
        public record Product;
        public interface IPaymentHttp
        {
            Receipt Charge(Order order);
            Task<Receipt> ChargeAsync(Order order);
            Task<Receipt> ChargeAsync(Order order, CancellationToken ct);
        }
        public static class Connections { public const string Payments = "payment_api"; }
        public static class Regions { public const string Eu = "eu"; }

        """;

    public static TheoryData<string> RuleIds() => [.. Enumerable.Range(1, 13).Select(static i => $"BRAMA{i:000}")];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public async Task Wrong_example_draws_its_rule_once_and_right_example_draws_nothing(string id)
    {
        var page = File.ReadAllText(RepositoryFiles.Path("docs", "diagnostics", id + ".md"));

        var (wrong, _) = await AnalyzeAsync(Example(page, "## Wrong"));
        var (right, rightErrors) = await AnalyzeAsync(Example(page, "## Right"));

        Assert.Equal([id], wrong);
        Assert.Empty(right);
        Assert.Empty(rightErrors);
    }

    /// <summary>The example's Brama diagnostics, and its compiler errors once the generator has run.</summary>
    private static async Task<(List<string> Brama, List<string> Errors)> AnalyzeAsync(string example)
    {
        var source = AnalyzerRunner.Usings + Prelude + $$"""
            public partial class Example
            {
                private static readonly IPaymentHttp _http = null!;
                private static readonly Dictionary<int, Product> _cache = new();
            {{example}}
            }
            """;
        var (generated, diagnostics) = await AnalyzerRunner.BuildAsync(TestCompilation.Create(source));
        return ([.. diagnostics.Select(static d => d.Id)], [.. generated.Errors().Select(static e => e.ToString())]);
    }

    private static string Example(string page, string heading)
    {
        var section = page[page.IndexOf(heading, StringComparison.Ordinal)..];
        return CodeBlock().Match(section).Groups[1].Value;
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
