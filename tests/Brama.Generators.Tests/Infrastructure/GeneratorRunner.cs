using System.Collections.Immutable;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators.Tests.Infrastructure;

/// <summary>Runs the generator over sources the way a build does, with step tracking on for the cache tests.</summary>
internal static class GeneratorRunner
{
    public static GeneratorRun Run(LanguageVersion languageVersion, params string[] sources)
    {
        var parseOptions = new CSharpParseOptions(languageVersion);
        var compilation = TestCompilation.Create(parseOptions, sources);
        var driver = CreateDriver(parseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, TestContext.Current.CancellationToken);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    public static GeneratorRun Run(params string[] sources) => Run(LanguageVersion.Latest, sources);

    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            [new CircuitBreakerGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
}

/// <summary>One generator run: the driver (for the next run), the input and output compilations, the generator's diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>Generated files by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Every diagnostic of the output compilation, warnings included, that the input did not already have.</summary>
    public IReadOnlyList<Diagnostic> NewDiagnostics()
    {
        var before = Input.GetDiagnostics().Select(static d => d.ToString()).ToHashSet(StringComparer.Ordinal);
        return Output.GetDiagnostics()
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !before.Contains(d.ToString()))
            .ToList();
    }
}
