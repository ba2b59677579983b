using Brama.Analyzers.Tests.Infrastructure;
using Brama.Generators;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA001 (bodiless partial definition) and BRAMA002 (partial containing types).</summary>
public class DeclarationRuleTests
{
    [Fact]
    public async Task BRAMA001_on_a_decorated_method_with_a_body()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public int {|BRAMA001:Charge|}(int amount) => amount;
                private int ChargeCore(int amount) => amount;
            }
            """);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            "Method 'Charge' is marked [CircuitBreaker] but has a body; declare it 'partial' without a body and put the real work in 'ChargeCore'",
            diagnostic.Message());
        Assert.Equal("https://github.com/brama-dotnet/brama/blob/main/docs/diagnostics/BRAMA001.md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public async Task BRAMA001_on_a_bodiless_method_without_partial()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public abstract partial class PaymentClient
            {
                [CircuitBreaker("payment_api", Implementation = "Run")]
                public abstract int {|BRAMA001:Charge|}(int amount);
            }
            """);

        Assert.Contains("is not declared 'partial'", diagnostics[0].Message());
        Assert.Contains("'Run'", diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA001_on_a_partial_method_implemented_by_hand()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public partial int Charge(int amount);
                public partial int {|BRAMA001:Charge|}(int amount) => amount;
                private int ChargeCore(int amount) => amount;
            }
            """);

        Assert.Contains("already has a hand-written implementing declaration", diagnostics[0].Message());
    }

    [Fact]
    public async Task Only_BRAMA001_when_the_method_is_not_a_partial_definition()
    {
        // No implementation, bad name and bad options: none of it matters until the method is Brama's to generate.
        await AnalyzerRunner.VerifyAsync("""
            public class PaymentClient
            {
                [CircuitBreaker("", MaxAttempts = -1)]
                public int {|BRAMA001:Charge|}(int amount) => amount;
            }
            """);
    }

    [Fact]
    public async Task No_diagnostic_on_a_valid_declaration()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public partial int Charge(int amount);
                private int ChargeCore(int amount) => amount;

                public int NotDecorated(int amount) => amount;
            }
            """);
    }

    [Fact]
    public async Task BRAMA002_on_a_non_partial_containing_type()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public class {|BRAMA002:PaymentClient|}
            {
                [CircuitBreaker("payment_api")]
                public partial int Charge(int amount);
                private int ChargeCore(int amount) => amount;
            }
            """);

        Assert.Equal(
            "Type 'PaymentClient' contains a [CircuitBreaker] method and must be declared 'partial'; add the 'partial' modifier",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA002_on_each_non_partial_enclosing_type_once_for_all_its_methods()
    {
        await AnalyzerRunner.VerifyAsync("""
            public class {|BRAMA002:Outer|}
            {
                public partial struct Inner
                {
                    [CircuitBreaker("a")]
                    public partial void First();
                    private void FirstCore() { }

                    [CircuitBreaker("b")]
                    public partial void Second();
                    private void SecondCore() { }
                }
            }
            """);
    }

    [Fact]
    public async Task No_BRAMA002_for_partial_records_structs_and_nested_generic_types()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial record Outer<T>
            {
                public partial record struct Inner<U>
                {
                    [CircuitBreaker("a")]
                    public partial U Get(T key);
                    private U GetCore(T key) => default!;
                }
            }
            """);
    }

    [Fact]
    public async Task BRAMA001_on_methods_that_are_not_ordinary_members()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                public int Value { [CircuitBreaker("a")] {|BRAMA001:get|} => 1; }

                [CircuitBreaker("b")]
                public static Client operator {|BRAMA001:+|}(Client left, Client right) => left;

                [CircuitBreaker("c")]
                ~{|BRAMA001:Client|}() { }

                public void Run()
                {
                    [CircuitBreaker("d")]
                    int {|BRAMA001:Local|}(int x) => x;

                    Func<int, int> lambda = [{|BRAMA001:CircuitBreaker("e")|}] (int x) => x;
                }
            }
            """);

        Assert.All(diagnostics, static d => Assert.Contains("is not an ordinary method", d.Message(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("public partial int {|BRAMA001:Charge|}(int amount) => amount;", "has a body")]
    [InlineData("public int {|BRAMA001:Charge|}(int amount);", "is not declared 'partial'")]
    [InlineData("public async partial Task<int> {|BRAMA001:Charge|}(int amount);", "is declared 'async' (only its implementation can be)")]
    public async Task BRAMA001_that_explains_a_declaration_error_comes_from_the_generator(string declaration, string reason)
    {
        var markup = $$"""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                {{declaration}}
                private Task<int> ChargeCore(int amount) => Task.FromResult(amount);
            }
            """;

        var diagnostic = Assert.Single(await AnalyzerRunner.VerifyAsync(markup));

        Assert.Contains(reason, diagnostic.Message());
        Assert.True(GeneratorReports(Markup.Parse(AnalyzerRunner.Usings + markup).Source, "BRAMA001"), "reported by the generator");
    }

    [Fact]
    public async Task BRAMA001_without_a_compiler_error_comes_from_the_analyzer()
    {
        var source = AnalyzerRunner.Usings + """
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public int Charge(int amount) => amount;
            }
            """;

        Assert.False(GeneratorReports(source, "BRAMA001"));
        Assert.Single(await AnalyzerRunner.BramaDiagnosticsAsync(TestCompilation.Create(source)), static d => d.Id == "BRAMA001");
    }

    [Fact]
    public async Task BRAMA002_comes_from_the_generator_once_per_type()
    {
        var source = AnalyzerRunner.Usings + """
            public class PaymentClient
            {
                [CircuitBreaker("a")] public partial int Charge(int amount); private int ChargeCore(int amount) => amount;
                [CircuitBreaker("b")] public partial int Refund(int amount); private int RefundCore(int amount) => amount;
            }
            """;

        var diagnostic = Assert.Single(GeneratorDiagnostics(source));
        Assert.Equal("BRAMA002", diagnostic.Id);
        Assert.Equal("Type 'PaymentClient' contains a [CircuitBreaker] method and must be declared 'partial'; add the 'partial' modifier", diagnostic.Message());
        Assert.Equal("PaymentClient", source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    private static bool GeneratorReports(string source, string id) => GeneratorDiagnostics(source).Any(d => d.Id == id);

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> GeneratorDiagnostics(string source)
    {
        CSharpGeneratorDriver.Create([new CircuitBreakerGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(TestCompilation.Create(source), out _, out var diagnostics, TestContext.Current.CancellationToken);
        return diagnostics;
    }
}
