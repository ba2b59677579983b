using System.Collections.Immutable;
using Brama.Generators;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers.Tests.Infrastructure;

/// <summary>Runs Brama's analyzers over test sources and compares their diagnostics with markup.</summary>
internal static class AnalyzerRunner
{
    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Brama;

        """;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        [new CircuitBreakerAnalyzer(), new DirectImplementationCallAnalyzer()];

    /// <summary>The Brama diagnostics of <paramref name="input"/> (generator and analyzers together), ordered by position.</summary>
    public static async Task<ImmutableArray<Diagnostic>> BramaDiagnosticsAsync(Compilation input) => (await BuildAsync(input)).Brama;

    /// <summary>
    /// Runs the generator and then the analyzers over its output, as a build and the IDE do, and returns the output
    /// with every Brama diagnostic of both, ordered by position. Fails when the two report the same diagnostic, or when
    /// the generator reports a finding the analyzers should have (one that explains no compiler declaration error).
    /// </summary>
    public static async Task<(Compilation Output, ImmutableArray<Diagnostic> Brama)> BuildAsync(Compilation input)
    {
        var parseOptions = (CSharpParseOptions?)input.SyntaxTrees.FirstOrDefault()?.Options ?? TestCompilation.ParseOptions;
        CSharpGeneratorDriver.Create([new CircuitBreakerGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics, TestContext.Current.CancellationToken);
        Assert.All(generatorDiagnostics, static d => Assert.Contains(d.Id, GeneratorRuleIds));
        var analyzerDiagnostics = await AnalyzerDiagnosticsAsync(output);

        var all = generatorDiagnostics.Concat(analyzerDiagnostics).ToList();
        var duplicates = all.GroupBy(static d => (d.Id, d.Location.GetLineSpan().Path, d.Location.SourceSpan)).Where(static g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count == 0, "reported twice: " + string.Join(", ", duplicates.Select(static g => g.Key)));
        return (output, [.. all.OrderBy(static d => d.Location.GetLineSpan().Path).ThenBy(static d => d.Location.SourceSpan.Start).ThenBy(static d => d.Id)]);
    }

    /// <summary>The rules whose findings can explain a compiler declaration error, which the generator reports.</summary>
    public static IReadOnlyList<string> GeneratorRuleIds { get; } = ["BRAMA001", "BRAMA002", "BRAMA013"];

    private static async Task<ImmutableArray<Diagnostic>> AnalyzerDiagnosticsAsync(Compilation compilation)
    {
        var exceptions = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(Analyzers, options)
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, static d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>
    /// Asserts that the analyzers report exactly the marked diagnostics (<c>{|BRAMA003:ChargeCore|}</c>) and no other
    /// Brama diagnostic. Returns them for message assertions.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, LanguageVersion languageVersion = LanguageVersion.CSharp12)
    {
        var (source, expected) = Markup.Parse(Usings + markup);
        var compilation = TestCompilation.Create(new CSharpParseOptions(languageVersion), source);
        var diagnostics = await BramaDiagnosticsAsync(compilation);

        var actual = diagnostics.Select(static d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan)).ToList();
        var expectedText = string.Join(Environment.NewLine, expected.OrderBy(static e => e.Span.Start).Select(e => Describe(source, e)));
        var actualText = string.Join(Environment.NewLine, actual.Select(a => Describe(source, a)));
        Assert.Equal(expectedText, actualText);
        return diagnostics;
    }

    public static string Message(this Diagnostic diagnostic) => diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(string source, ExpectedDiagnostic diagnostic) =>
        $"{diagnostic.Id} at {diagnostic.Span}: '{source.Substring(diagnostic.Span.Start, diagnostic.Span.Length)}'";
}
