using Brama.Analyzers.Tests.Infrastructure;
using Brama.CodeFixes;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA014: what ScopeParameter may name, at the argument's span, and its code fixes.</summary>
public class ScopeParameterRuleTests
{
    [Theory]
    [InlineData("string")]
    [InlineData("string?")]
    [InlineData("int")]
    [InlineData("int?")]
    [InlineData("long")]
    [InlineData("Guid")]
    [InlineData("Region")]
    [InlineData("Region?")]
    [InlineData("DateOnly")]
    [InlineData("in int")]
    public async Task No_diagnostic_for_a_value_parameter_that_names_a_scope(string parameter)
    {
        await AnalyzerRunner.VerifyAsync($$"""
            public enum Region { Eu, Us }
            public partial class StockClient
            {
                [CircuitBreaker("inventory_api", ScopeParameter = nameof(key))]
                public partial int GetStock({{parameter}} key, int sku);
                private int GetStockCore({{parameter}} key, int sku) => sku;
            }
            """);
    }

    [Theory]
    [InlineData("ref int key", "names the ref parameter 'key': the scope is read from a value parameter")]
    [InlineData("out int key", "names the out parameter 'key': the scope is read from a value parameter")]
    [InlineData("object key", "names the parameter 'key' of type 'object', which is not a string, an enum or an IFormattable type; pass a key such as a string")]
    [InlineData("System.Collections.Generic.List<int> key", "names the parameter 'key' of type 'System.Collections.Generic.List<int>', which is not a string, an enum or an IFormattable type; pass a key such as a string")]
    [InlineData("ReadOnlySpan<char> key", "names the ref struct parameter 'key' of type 'System.ReadOnlySpan<char>': the generated code keeps the value as a cache key, which a ref struct cannot be")]
    public async Task BRAMA014_on_a_parameter_that_cannot_name_a_scope(string parameter, string problem)
    {
        var body = parameter.StartsWith("out", StringComparison.Ordinal) ? "{ key = 0; return 0; }" : "=> 0;";
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class StockClient
            {
                [CircuitBreaker("inventory_api", ScopeParameter = {|BRAMA014:nameof(key)|})]
                public partial int GetStock({{parameter}});
                private int GetStockCore({{parameter}}) {{body}}
            }
            """);

        Assert.Equal($"ScopeParameter 'key' of [CircuitBreaker] method 'GetStock' {problem}", diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA014_on_a_pointer_parameter()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public unsafe partial class Native
            {
                [CircuitBreaker("native", ScopeParameter = {|BRAMA014:"key"|})]
                public partial int Read(int* key);
                private int ReadCore(int* key) => 0;
            }
            """);

        Assert.EndsWith("names the pointer parameter 'key': a pointer names no scope", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BRAMA014_on_a_method_type_parameter()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Store
            {
                [CircuitBreaker("store", ScopeParameter = {|BRAMA014:nameof(key)|})]
                public partial int Get<TKey>(TKey key) where TKey : IFormattable;
                private int GetCore<TKey>(TKey key) where TKey : IFormattable => 0;
            }
            """);

        Assert.EndsWith("names the parameter 'key' of the method's type parameter 'TKey': the cache of scopes is shared by every call of the method", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"tenantId\"", "tenantId", "names no parameter of the method (its parameters: tenant, amount)")]
    [InlineData("\"\"", "", "names no parameter of the method (its parameters: tenant, amount)")]
    public async Task BRAMA014_on_a_name_of_no_parameter(string expression, string name, string problem)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", ScopeParameter = {|BRAMA014:{{expression}}|})]
                public partial int Charge(string tenant, int amount);
                private int ChargeCore(string tenant, int amount) => amount;
            }
            """);

        Assert.Equal($"ScopeParameter '{name}' of [CircuitBreaker] method 'Charge' {problem}", diagnostics[0].Message());
    }

    [Fact]
    public async Task BRAMA014_on_a_method_without_parameters()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", ScopeParameter = {|BRAMA014:"tenant"|})]
                public partial int Ping();
                private int PingCore() => 1;
            }
            """);

        Assert.EndsWith("names no parameter: the method has none", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BRAMA014_with_a_constant_scope_but_not_with_a_null_one()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", Scope = "eu", ScopeParameter = {|BRAMA014:nameof(tenant)|})]
                public partial int Charge(string tenant, int amount);
                private int ChargeCore(string tenant, int amount) => amount;

                [CircuitBreaker("payment_api", Scope = null, ScopeParameter = nameof(tenant))]
                public partial int Refund(string tenant, int amount);
                private int RefundCore(string tenant, int amount) => amount;
            }
            """);

        Assert.EndsWith("cannot be combined with Scope: each call's argument chooses the scope, so remove Scope", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BRAMA014_on_a_value_that_is_not_a_constant_string()
    {
        // CS0182 is the compiler's own error for the same mistake; BRAMA014 says what to write instead.
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                private static string Name = "tenant";

                [CircuitBreaker("payment_api", ScopeParameter = {|BRAMA014:Name|})]
                public partial int Charge(string tenant);
                private int ChargeCore(string tenant) => 1;
            }
            """);

        Assert.EndsWith("is not a compile-time constant string; write nameof(parameter)", diagnostics[0].Message(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_removes_a_constant_scope()
    {
        const string source = """
            using Brama;

            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", Scope = "eu", ScopeParameter = nameof(tenant))]
                public partial int Charge(string tenant, int amount);
                private int ChargeCore(string tenant, int amount) => amount;
            }
            """;

        var fixedSource = await CodeFixRunner.ApplyAsync(source, new ScopeParameterCodeFixProvider(), "BRAMA014", "Remove 'Scope' (the argument chooses each call's scope)");

        Assert.Equal(source.Replace("Scope = \"eu\", ", "", StringComparison.Ordinal), fixedSource);
        await CodeFixRunner.AssertCompilesWithGeneratorAsync(fixedSource);
    }

    [Fact]
    public async Task Fix_turns_a_name_that_differs_in_case_into_nameof()
    {
        const string source = """
            using Brama;

            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", ScopeParameter = "Tenant")]
                public partial int Charge(string tenant, int amount);
                private int ChargeCore(string tenant, int amount) => amount;
            }
            """;

        var fixedSource = await CodeFixRunner.ApplyAsync(source, new ScopeParameterCodeFixProvider(), "BRAMA014", "Use nameof(tenant)");

        Assert.Equal(source.Replace("\"Tenant\"", "nameof(tenant)", StringComparison.Ordinal), fixedSource);
        await CodeFixRunner.AssertCompilesWithGeneratorAsync(fixedSource);
    }

    [Theory]
    [InlineData("\"amountX\"")]
    [InlineData("\"Amount\"")]
    public async Task No_fix_when_none_is_obvious(string expression)
    {
        // "Amount" matches 'amount' but for case, yet an object names no scope: nameof would only trade one error for another.
        var source = $$"""
            using Brama;

            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", ScopeParameter = {{expression}})]
                public partial int Charge(string tenant, object amount);
                private int ChargeCore(string tenant, object amount) => 1;
            }
            """;

        var (_, actions) = await CodeFixRunner.ActionsAsync(source, new ScopeParameterCodeFixProvider(), "BRAMA014");

        Assert.Empty(actions);
    }
}
