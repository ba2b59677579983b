using System.Reflection;
using Brama.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators.Tests;

public class IncrementalCacheTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Brama;

        namespace Shop
        {
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", MaxAttempts = 3)]
                public partial Task<int> ChargeAsync(int amount);

                private Task<int> ChargeAsyncCore(int amount) => Task.FromResult(amount);
            }

            public partial class Ledger
            {
                [CircuitBreaker("ledger")]
                public partial void Record(string entry);

                private void RecordCore(string entry) { }
            }
        }
        """;

    private static readonly string[] PipelineSteps = [TrackingNames.Extract, TrackingNames.RemoveNonPartial, TrackingNames.GroupByType, TrackingNames.Diagnostics];

    [Fact]
    public void An_unrelated_edit_leaves_every_step_and_output_cached()
    {
        var first = GeneratorRunner.Run(Source);
        var edited = first.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Shop { public class Unrelated { } }", (CSharpParseOptions)first.Input.SyntaxTrees.First().Options, cancellationToken: TestContext.Current.CancellationToken));

        var second = first.Driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        foreach (var step in PipelineSteps)
        {
            Assert.All(Reasons(second, step), static reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_inside_an_implementation_body_regenerates_nothing()
    {
        var first = GeneratorRunner.Run(Source);
        var tree = first.Input.SyntaxTrees.Single();
        var edited = first.Input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText(TestContext.Current.CancellationToken).WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(Span(tree, "Task.FromResult(amount)"), "Task.FromResult(amount + 1)"))));

        var second = first.Driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(second, TrackingNames.Extract));
        Assert.All(Reasons(second, TrackingNames.GroupByType), static reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs), static o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_changed_attribute_regenerates_only_its_type()
    {
        var first = GeneratorRunner.Run(Source);
        var tree = first.Input.SyntaxTrees.Single();
        var edited = first.Input.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText(TestContext.Current.CancellationToken).WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(Span(tree, "MaxAttempts = 3"), "MaxAttempts = 4"))));

        var driver = first.Driver.RunGenerators(edited, TestContext.Current.CancellationToken);
        var second = driver.GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, TrackingNames.Extract));
        var outputs = second.TrackedOutputSteps.SelectMany(static s => s.Value).SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        // Cached: the other type's file and the (empty) diagnostics.
        Assert.Equal(1, outputs.Count(static r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(2, outputs.Count(static r => r == IncrementalStepRunReason.Cached));
        var payment = second.GeneratedSources.Single(static s => s.HintName == "Shop.PaymentClient.CircuitBreaker.g.cs");
        Assert.Contains("MaxAttempts = 4 };", payment.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_models_hold_no_symbols_syntax_locations_or_compilations()
    {
        var forbidden = new[] { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree) };
        var run = GeneratorRunner.Run(Source);

        var values = PipelineSteps
            .SelectMany(step => run.Result.TrackedSteps[step])
            .SelectMany(static s => s.Outputs)
            .Select(static o => o.Value)
            .ToList();

        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            AssertHoldsNone(value, forbidden, depth: 0);
        }
    }

    private static void AssertHoldsNone(object? value, Type[] forbidden, int depth)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 8)
        {
            return;
        }

        Assert.DoesNotContain(forbidden, f => f.IsInstanceOfType(value));
        if (value is System.Collections.IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertHoldsNone(item, forbidden, depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertHoldsNone(property.GetValue(value), forbidden, depth + 1);
            }
        }
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason);

    private static Microsoft.CodeAnalysis.Text.TextSpan Span(SyntaxTree tree, string text)
    {
        var start = tree.GetText().ToString().IndexOf(text, StringComparison.Ordinal);
        Assert.True(start >= 0);
        return new Microsoft.CodeAnalysis.Text.TextSpan(start, text.Length);
    }
}
