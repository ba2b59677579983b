using Brama.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

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
}
