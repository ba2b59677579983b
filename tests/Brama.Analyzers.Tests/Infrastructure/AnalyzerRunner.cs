using System.Collections.Immutable;
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

    /// <summary>The Brama diagnostics of <paramref name="compilation"/>, ordered by position.</summary>
    public static async Task<ImmutableArray<Diagnostic>> BramaDiagnosticsAsync(Compilation compilation)
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
        return [.. diagnostics.OrderBy(static d => d.Location.SourceTree?.FilePath).ThenBy(static d => d.Location.SourceSpan.Start).ThenBy(static d => d.Id)];
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
