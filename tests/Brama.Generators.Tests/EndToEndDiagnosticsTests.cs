using System.Collections.Immutable;
using Brama.Analyzers;
using Brama.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Generators.Tests;

/// <summary>
/// The generator and the analyzers together, as in a build: one mistake shows one Brama diagnostic and no cascade
/// (no CS8795, no error inside generated code). Broken or unexpected code never makes the generator throw.
/// </summary>
public class EndToEndDiagnosticsTests
{
    public static TheoryData<string, string> Mistakes() => new()
    {
        { "BRAMA003", "[CircuitBreaker(\"api\")] public partial int Get(int id);" },
        { "BRAMA004", "[CircuitBreaker(\"\")] public partial int Get(int id); private int GetCore(int id) => id;" },
        { "BRAMA005", "[CircuitBreaker(\"api\", ErrorHandler = typeof(Handler))] public partial int Get(int id); private int GetCore(int id) => id; public sealed class Handler : IErrorHandler<string> { public Outcome Classify(string r) => Outcome.Success; }" },
        { "BRAMA006", "[CircuitBreaker(\"api\")] public partial ValueTask<int> Get(out int id); private ValueTask<int> GetCore(out int id) { id = 0; return default; }" },
        { "BRAMA008", "[CircuitBreaker(\"api\", Fallback = nameof(GetFallback))] public partial int Get(int id); private int GetCore(int id) => id; private string GetFallback(int id) => \"\";" },
        { "BRAMA009", "[CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; public ConnectionRegistry? A { get; set; } public ConnectionRegistry? B { get; set; }" },
        { "BRAMA011", "[CircuitBreaker(\"api\", ExpiryMilliseconds = -1)] public partial int Get(int id); private int GetCore(int id) => id;" },
    };

    public static TheoryData<string> IncompleteSources() => new(
        "public partial class C { [CircuitBreaker(\"a\", Implementation = 5)] public partial int M(); }",
        "public partial class C { [CircuitBreaker(\"a\", MaxAttempts = \"x\")] public partial int M(); private int MCore() => 1; }",
        "public partial class C { [CircuitBreaker(\"a\", Unknown = 1)] public partial Missing M(Missing x); private Missing MCore(Missing x) => x; }",
        "public partial class C { [CircuitBreaker(\"a\")] public partial int M(int x, ); }",
        "public partial class C { [CircuitBreaker(\"a\")][CircuitBreaker(\"b\")] public partial void M(); private void MCore() { } }",
        "public partial class C { [CircuitBreaker(\"a\")] public partial void M<T>() where T : Missing; private void MCore<T>() { } }",
        "[CircuitBreaker(\"a\")] public partial void M();",
        "public partial class C { [CircuitBreaker(\"a\")] public C() { } [CircuitBreaker(\"b\")] public int P => 1; }",
        "public partial interface I { [CircuitBreaker(\"a\")] partial void M(); }",
        "public partial class C { [CircuitBreaker(null!)] public partial void M(); private void MCore() { } }",
        "public partial class C { [CircuitBreaker(\"a\", ErrorHandler = typeof(Missing))] public partial int M(); private int MCore() => 1; }",
        "public partial class C { [CircuitBreaker(\"a\", ExpiryStrategy = (ExpiryStrategy)7)] public partial int M(); private int MCore() => 1; }");

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_mistake_is_reported_once_by_the_analyzer_and_nothing_else_fails(string rule, string members)
    {
        var run = GeneratorRunner.Run($$"""
            using System.Threading.Tasks;
            using Brama;
            namespace Shop
            {
                public partial class Client
                {
                    {{members}}
                }
            }
            """);

        var compilerErrors = run.Output.GetDiagnostics(TestContext.Current.CancellationToken).Where(static d => d.Severity == DiagnosticSeverity.Error);
        var analyzerDiagnostics = await run.Output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new CircuitBreakerAnalyzer(), new DirectImplementationCallAnalyzer()))
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(compilerErrors);
        var diagnostic = Assert.Single(analyzerDiagnostics);
        Assert.Equal(rule, diagnostic.Id);
        Assert.Contains(rule, Assert.Single(run.Sources).Value, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(IncompleteSources))]
    public void The_generator_never_throws_and_reports_only_declaration_rules(string source)
    {
        var run = GeneratorRunner.Run("using Brama;\n" + source);

        Assert.Null(run.Result.Exception);
        Assert.All(run.GeneratorDiagnostics, static d => Assert.Contains(d.Id, new[] { "BRAMA001", "BRAMA002", "BRAMA013" }));
        var inputErrors = run.Input.GetDiagnostics(TestContext.Current.CancellationToken).Select(static d => d.Id).Where(static id => id != "CS8795").ToHashSet();
        Assert.All(run.Output.GetDiagnostics(TestContext.Current.CancellationToken).Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true),
            d => Assert.Contains(d.Id, inputErrors));
    }
}
