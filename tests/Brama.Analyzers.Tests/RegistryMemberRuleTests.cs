using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>
/// BRAMA009: at most one ConnectionRegistry member per containing type. BRAMA012: a primary constructor's registry
/// that no member keeps.
/// </summary>
public class RegistryMemberRuleTests
{
    [Fact]
    public async Task Second_member_is_reported_once_for_all_decorated_methods()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                private readonly ConnectionRegistry _primary = new();
                public ConnectionRegistry {|BRAMA009:Secondary|} { get; } = new();

                [CircuitBreaker("a")]
                public partial void First();
                private void FirstCore() { }

                [CircuitBreaker("b")]
                public partial void Second();
                private void SecondCore() { }
            }
            """);

        Assert.Equal(
            "Type 'Client' declares 2 ConnectionRegistry members ('_primary', 'Secondary'), so its [CircuitBreaker] methods cannot tell which registry to use; keep one",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task Record_parameters_and_auto_properties_count_once()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial record Client(ConnectionRegistry Registry)
            {
                [CircuitBreaker("a")]
                public partial void Send();
                private void SendCore() { }
            }
            public partial class Other
            {
                public ConnectionRegistry Registry { get; init; } = ConnectionRegistry.Default;
                public string Name { get; } = "x";

                [CircuitBreaker("b")]
                public partial void Send();
                private void SendCore() { }
            }
            """);
    }

    [Fact]
    public async Task A_record_parameter_and_a_field_are_two()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial record Client(ConnectionRegistry Registry)
            {
                private static readonly ConnectionRegistry {|BRAMA009:Fallback|} = new();

                [CircuitBreaker("a")]
                public partial void Send();
                private void SendCore() { }
            }
            """);
    }

    [Fact]
    public async Task A_captured_primary_constructor_parameter_is_not_a_second_member()
    {
        // The compiler captures 'registry' in a hidden field (<registry>P) because Uses reads it; that field is not
        // a member the user wrote, so '_registry' stays the only one.
        await AnalyzerRunner.VerifyAsync("""
            public partial class Inventory(ConnectionRegistry registry)
            {
                private readonly ConnectionRegistry _registry = registry;
                public bool Uses(ConnectionRegistry other) => other == registry;

                [CircuitBreaker("inventory_api")]
                public partial int Count(string sku);
                private int CountCore(string sku) => sku.Length;
            }
            """);
    }

    [Fact]
    public async Task BRAMA012_on_a_primary_constructor_registry_kept_in_no_member()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Inventory(ConnectionRegistry {|BRAMA012:registry|}, string region)
            {
                public bool Uses(ConnectionRegistry other) => other == registry;

                [CircuitBreaker("inventory_api")]
                public partial int Count(string sku);
                private int CountCore(string sku) => sku.Length + region.Length;

                [CircuitBreaker("inventory_api")]
                public partial int Reserve(string sku);
                private int ReserveCore(string sku) => 1;
            }
            public partial struct Quotes(ConnectionRegistry {|BRAMA012:registry|})
            {
                [CircuitBreaker("quote_api")]
                public partial int Get();
                private int GetCore() => 1;
            }
            """);

        Assert.Equal(2, diagnostics.Length);
        Assert.Equal(
            "'Inventory' takes the ConnectionRegistry 'registry' in its primary constructor, but generated [CircuitBreaker] methods cannot see primary constructor parameters and use ConnectionRegistry.Default; keep it in a field: 'private readonly ConnectionRegistry _registry = registry;'",
            diagnostics[0].Message());
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task No_BRAMA012_with_a_member_for_static_methods_or_for_records()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Kept(ConnectionRegistry registry)
            {
                public ConnectionRegistry Registry { get; } = registry;
                [CircuitBreaker("a")] public partial int Get(); private int GetCore() => 1;
            }
            public partial class OnlyStatic(ConnectionRegistry registry)
            {
                public bool Uses(ConnectionRegistry other) => other == registry;
                [CircuitBreaker("b")] public static partial int Get(); private static int GetCore() => 1;
            }
            public partial record Positional(ConnectionRegistry Registry)
            {
                [CircuitBreaker("c")] public partial int Get(); private int GetCore() => 1;
            }
            public partial class NoRegistry(string name)
            {
                [CircuitBreaker("d")] public partial int Get(); private int GetCore() => name.Length;
            }
            """);
    }
}
