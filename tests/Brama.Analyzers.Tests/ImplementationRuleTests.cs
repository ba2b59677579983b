using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA003: the implementation method exists and matches.</summary>
public class ImplementationRuleTests
{
    [Fact]
    public async Task Missing_implementation_is_reported_on_the_method_name()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public partial Task<int> {|BRAMA003:ChargeAsync|}(int amount, CancellationToken ct);
            }
            """);

        Assert.Equal(
            "The implementation of [CircuitBreaker] method 'ChargeAsync' is missing: 'PaymentClient' has no accessible method 'ChargeAsyncCore'; declare 'private Task<int> ChargeAsyncCore(int amount, CancellationToken ct)'",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task Missing_named_implementation_is_reported_on_the_argument()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api", Implementation = {|BRAMA003:"Run"|})]
                public partial void Charge();
                private void ChargeCore() { }
            }
            """);
    }

    [Theory]
    [InlineData("private long ChargeCore(int amount) => amount;", "it returns 'long', expected 'int'")]
    [InlineData("private int ChargeCore(long amount) => 0;", "parameter 1 ('amount') is 'long', expected 'int'")]
    [InlineData("private int ChargeCore(ref int amount) => amount;", "parameter 1 ('amount') is passed by 'ref', expected by value")]
    [InlineData("private int ChargeCore(int amount, int extra) => amount;", "it has 2 parameters, expected 1")]
    [InlineData("private int ChargeCore<T>(int amount) => amount;", "it has 1 type parameter, expected 0")]
    public async Task Mismatch_is_reported_on_the_implementation_name(string implementation, string reason)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class PaymentClient
            {
                [CircuitBreaker("payment_api")]
                public partial int Charge(int amount);
                {{implementation.Replace("ChargeCore", "{|BRAMA003:ChargeCore|}", StringComparison.Ordinal)}}
            }
            """);

        Assert.Equal(
            $"The implementation of [CircuitBreaker] method 'Charge' does not match: {reason}; declare 'private int ChargeCore(int amount)'",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task A_static_method_needs_a_static_implementation()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public static partial class Gateway
            {
                [CircuitBreaker("gateway")]
                public static partial void Ping();
                private static void PingCore() { }
            }
            public partial class Other
            {
                [CircuitBreaker("other")]
                public static partial void Ping();
                private void {|BRAMA003:PingCore|}() { }
            }
            """);

        Assert.Contains("it is an instance method but 'Ping' is static", diagnostics[0].Message());
    }

    [Fact]
    public async Task Generic_implementation_must_not_require_more_than_the_method_guarantees()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Cache
            {
                [CircuitBreaker("cache")]
                public partial T Get<T>(string key) where T : class;
                private T {|BRAMA003:GetCore|}<T>(string key) where T : class, IDisposable => null!;

                [CircuitBreaker("cache2")]
                public partial TValue Find<TValue>(TValue key) where TValue : struct, IComparable<TValue>;
                private TItem FindCore<TItem>(TItem key) where TItem : IComparable<TItem> => key;
            }
            """);

        Assert.Contains("type parameter 'T' has constraints that 'Get' does not guarantee for 'T'", diagnostics[0].Message());
    }

    [Fact]
    public async Task Near_misses_overloads_inheritance_static_implementation_and_nullability_are_accepted()
    {
        await AnalyzerRunner.VerifyAsync("""
            #nullable enable
            public class Base
            {
                protected Task<string?> LoadCore(string? key, CancellationToken ct) => Task.FromResult(key);
            }
            public partial class Client : Base
            {
                [CircuitBreaker("client")]
                public partial Task<string?> Load(string? key, CancellationToken ct);

                [CircuitBreaker("client2")]
                public partial int Sum(in int a, out int b, params int[] rest);
                private int SumCore(long a) => 0;
                private int SumCore(in int a, out int b, int[] rest) { b = a; return a; }

                [CircuitBreaker("client3")]
                public partial void Fire();
                private static void FireCore() { }
            }
            """);
    }

    [Fact]
    public async Task Identity_convertible_types_match_tuple_names_and_dynamic()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("a")]
                public partial (int Id, string Name) Find((int Key, long Version) key);
                private (int X, string Y) FindCore((int A, long B) key) => (key.A, "");

                [CircuitBreaker("b")]
                public partial dynamic Echo(object value);
                private object EchoCore(dynamic value) => value;
            }
            """);
    }
}
