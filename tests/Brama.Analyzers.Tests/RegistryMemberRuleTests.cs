using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA009: at most one ConnectionRegistry member per containing type.</summary>
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
}
