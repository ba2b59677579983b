using System.Collections.Immutable;
using System.Reflection;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Generators.Tests;

/// <summary>
/// What an editor sees while a user types: every prefix of every golden input that ends after a token (and so inside
/// attributes, parameter lists, constraints and bodies) goes through the generator and the analyzers, neither of
/// which may throw.
/// </summary>
public class PrefixRobustnessTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = [.. LoadAnalyzers()];

    [Theory]
    [MemberData(nameof(ShapeCases.Names), MemberType = typeof(ShapeCases))]
    public async Task Neither_the_generator_nor_the_analyzers_throw_on_any_prefix_of_a_golden_input(string name)
    {
        Assert.True(Analyzers.Length >= 2, "the Brama analyzers were not found");
        var source = ShapeCases.All[name].Source;
        var cuts = CSharpSyntaxTree.ParseText(source, cancellationToken: TestContext.Current.CancellationToken)
            .GetRoot(TestContext.Current.CancellationToken)
            .DescendantTokens()
            .Select(static t => t.Span.End)
            .Prepend(0)
            .Distinct()
            .ToList();

        foreach (var cut in cuts)
        {
            var prefix = source[..cut];
            var compilation = TestCompilation.Create(prefix);
            var driver = CSharpGeneratorDriver.Create(
                [new CircuitBreakerGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);
            var result = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _, TestContext.Current.CancellationToken)
                .GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"The generator threw on a prefix of {cut} characters:\n{prefix}\n{result.Exception}");

            var failures = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (exception, analyzer, _) => failures.Add($"{analyzer.GetType().Name}: {exception}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            var diagnostics = await output.WithAnalyzers(Analyzers, options)
                .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
            Assert.True(failures.Count == 0, $"An analyzer threw on a prefix of {cut} characters:\n{prefix}\n{string.Join("\n", failures)}");
            Assert.DoesNotContain(diagnostics, static d => d.Id == "AD0001");
        }
    }

    private static IEnumerable<DiagnosticAnalyzer> LoadAnalyzers() =>
        Assembly.Load("Brama.Analyzers").GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);
}
