using Brama.Analyzers.Tests.Infrastructure;
using Brama.Testing.Roslyn;

namespace Brama.Analyzers.Tests;

/// <summary>Malformed and incomplete code, as an editor sees it while the user types: the analyzers must not throw.</summary>
public class RobustnessTests
{
    public static TheoryData<string> IncompleteSources() =>
    [
        "public partial class C { [CircuitBreaker(",
        "public partial class C { [CircuitBreaker(\"a\"] public partial",
        "public partial class C { [CircuitBreaker(\"a\", ErrorHandler = typeof(Missing))] public partial int M(); private int MCore() => 0; }",
        "public partial class C { [CircuitBreaker(\"a\", Fallback = )] public partial int M(); }",
        "public partial class C { [CircuitBreaker(\"a\", Implementation = 5)] public partial int M(); }",
        "public partial class C { [CircuitBreaker(\"a\", MaxAttempts = \"x\")] public partial int M(); }",
        "public partial class C { [CircuitBreaker(\"a\", Unknown = 1)] public partial Missing M(Missing x); private Missing MCore(Missing x) => x; }",
        "public partial class C { [CircuitBreaker(\"a\")] public partial int M(int x, ); }",
        "public partial class C { [CircuitBreaker(\"a\")][CircuitBreaker(\"b\")] public partial void M(); private void MCore() { } }",
        "public partial class C { [CircuitBreaker(\"a\")] public partial void M<T>() where T : Missing; private void MCore<T>() { } }",
        "[CircuitBreaker(\"a\")] public partial void M();",
        "public partial class C { [CircuitBreaker(\"a\")] public C() { } [CircuitBreaker(\"b\")] public int P => 1; [CircuitBreaker(\"c\")] ~C() { } }",
        "public partial class C { [CircuitBreaker(\"a\")] public static partial implicit operator int(C c); }",
        "public partial interface I { [CircuitBreaker(\"a\")] partial void M(); }",
        "public partial class C { void Call() => MCore(; [CircuitBreaker(\"a\")] public partial void M(); private void MCore() { } }",
        "public delegate void D(); public partial class C { [CircuitBreaker(\"a\", Fallback = nameof(C))] public partial void M(); private void MCore() { } }",
    ];

    [Theory]
    [MemberData(nameof(IncompleteSources))]
    public async Task Analyzers_do_not_throw(string source)
    {
        var compilation = TestCompilation.Create(AnalyzerRunner.Usings + source);

        // BramaDiagnosticsAsync fails the test when an analyzer throws (AD0001 or the exception callback).
        var diagnostics = await AnalyzerRunner.BramaDiagnosticsAsync(compilation);

        Assert.All(diagnostics, static d => Assert.StartsWith("BRAMA", d.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyzers_do_not_throw_on_any_prefix_of_a_full_declaration()
    {
        const string source = """
            public sealed class Errors : IErrorHandler<int> { public Outcome Classify(int result) => Outcome.Success; }
            public partial record Client(ConnectionRegistry Registry)
            {
                [CircuitBreaker("api", Scope = "eu", ErrorHandler = typeof(Errors), Fallback = nameof(Cached), MaxAttempts = 3)]
                public partial Task<int> LoadAsync<T>(T key, ref int x, CancellationToken ct) where T : notnull;
                private Task<int> LoadAsyncCore<T>(T key, ref int x, CancellationToken ct) where T : notnull => Task.FromResult(1);
                private Task<int> Cached<T>(T key, ref int x, CancellationToken ct, ConnectionStatus status) => Task.FromResult(0);
                public Task<int> Bypass() { int x = 0; return LoadAsyncCore("k", ref x, default); }
            }
            """;

        // Every 5th prefix: cut inside attributes, parameter lists, constraints and bodies.
        for (var length = 0; length <= source.Length; length += 5)
        {
            var compilation = TestCompilation.Create(AnalyzerRunner.Usings + source[..length]);
            var diagnostics = await AnalyzerRunner.BramaDiagnosticsAsync(compilation);
            Assert.All(diagnostics, static d => Assert.StartsWith("BRAMA", d.Id, StringComparison.Ordinal));
        }
    }
}
