using Brama.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Brama.Generators.Tests;

/// <summary>
/// A rejected declaration generates either a body that throws naming the rule (so the only error is the Brama
/// diagnostic, not CS8795 or errors in generated code), or nothing when there is no signature to implement. The
/// generator itself reports only the findings that explain a compiler declaration error (BRAMA001, 002, 013).
/// </summary>
public class InvalidDeclarationTests
{
    [Theory]
    [InlineData("BRAMA003", "[CircuitBreaker(\"api\")] public partial int Get(int id);")]
    [InlineData("BRAMA003", "[CircuitBreaker(\"api\", Implementation = \"Other\")] public partial int Get(int id); private string Other(int id) => \"\";")]
    [InlineData("BRAMA004", "[CircuitBreaker(\"  \")] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA005", "[CircuitBreaker(\"api\", ErrorHandler = typeof(string))] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA006", "[CircuitBreaker(\"api\")] public partial ref int Get(int id); private ref int GetCore(int id) => ref _slot; private int _slot;")]
    [InlineData("BRAMA006", "[CircuitBreaker(\"api\")] public partial Task<int> Get(ref int id); private Task<int> GetCore(ref int id) => Task.FromResult(id);")]
    [InlineData("BRAMA008", "[CircuitBreaker(\"api\", Fallback = \"Missing\")] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA009", "[CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; private ConnectionRegistry? _a; private ConnectionRegistry? B { get; set; } public void Use(ConnectionRegistry r) => _a = r;")]
    [InlineData("BRAMA011", "[CircuitBreaker(\"api\", MaxAttempts = -1)] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", ScopeParameter = \"tenant\")] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", ScopeParameter = nameof(id))] public partial int Get(object id); private int GetCore(object id) => 1;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", Scope = \"eu\", ScopeParameter = nameof(id))] public partial int Get(int id); private int GetCore(int id) => id;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", ScopeParameter = nameof(id))] public partial int Get(ref int id); private int GetCore(ref int id) => id;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", ScopeParameter = nameof(id))] public partial int Get(System.ReadOnlySpan<char> id); private int GetCore(System.ReadOnlySpan<char> id) => id.Length;")]
    [InlineData("BRAMA014", "[CircuitBreaker(\"api\", ScopeParameter = nameof(id))] public partial int Get<T>(T id); private int GetCore<T>(T id) => 1;")]
    public void A_rejected_declaration_gets_a_body_that_throws_naming_the_rule(string rule, string members)
    {
        var run = GeneratorRunner.Run(Wrap(members));

        Assert.Empty(run.GeneratorDiagnostics);
        var text = Assert.Single(run.Sources).Value;
        Assert.Contains($"throw new global::System.InvalidOperationException(\"The [CircuitBreaker] declaration of 'Get' is invalid ({rule}); see the {rule} diagnostic of the build.\");", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DecoratorRuntime", text, StringComparison.Ordinal);
        Assert.DoesNotContain(run.NewDiagnostics(), static d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Id == "CS8795");
    }

    [Theory]
    [InlineData("Client", "public class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; }")]
    [InlineData("Outer", "public class Outer { public partial class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; } }")]
    [InlineData("Client", "public partial class Outer { public class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; } }")]
    [InlineData("Client", "public record Client<T>(T Value) where T : struct { [CircuitBreaker(\"api\")] public partial T Get(T id); private T GetCore(T id) => id; }")]
    [InlineData("Outer", "public class Outer<T> { public readonly partial record struct Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; } }")]
    [InlineData("Client", "public struct Client { [CircuitBreaker(\"api\")] public static partial int Get(int id); private static int GetCore(int id) => id; }")]
    [InlineData("Client", "public static class Client { [CircuitBreaker(\"api\")] public static partial int Get(int id); private static int GetCore(int id) => id; }")]
    public void A_type_that_is_not_partial_gets_the_throwing_body_and_only_the_compilers_CS0260(string nonPartialType, string declaration)
    {
        var run = GeneratorRunner.Run("using Brama;\nnamespace Shop\n{\n" + declaration + "\n}\n");

        var reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BRAMA002", reported.Id);
        var text = Assert.Single(run.Sources).Value;
        Assert.Contains("throw new global::System.InvalidOperationException(\"The [CircuitBreaker] declaration of 'Get' is invalid (BRAMA002); see the BRAMA002 diagnostic of the build.\");", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DecoratorRuntime", text, StringComparison.Ordinal);

        // The compiler's own CS0260 on the type that lacks 'partial' is the only error; it merges the parts, so the
        // definition has its implementation (no CS8795) and is in a partial type after all (no CS0751).
        var error = Assert.Single(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0260", error.Id);
        Assert.Equal("Input0.cs", error.Location.SourceTree?.FilePath);
        var source = error.Location.SourceTree!.ToString();
        Assert.Equal(nonPartialType, source.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Equal(source.IndexOf(" " + nonPartialType, StringComparison.Ordinal) + 1, error.Location.SourceSpan.Start);
        Assert.Equal(error.Location.SourceSpan, reported.Location.SourceSpan);
        Assert.Equal("Input0.cs", reported.Location.GetLineSpan().Path);
    }

    [Theory]
    [InlineData("file class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; }")]
    [InlineData("file partial class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; }")]
    [InlineData("file partial class Outer { public partial class Client { [CircuitBreaker(\"api\")] public partial int Get(int id); private int GetCore(int id) => id; } }")]
    public void A_file_local_type_gets_nothing_because_no_other_file_can_hold_a_part_of_it(string declaration)
    {
        var run = GeneratorRunner.Run("using Brama;\nnamespace Shop\n{\n" + declaration + "\n}\n");

        var reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BRAMA013", reported.Id);
        Assert.Contains("is declared in the file-local type", reported.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("public partial int Get(int id) => id;", "CS0759")]
    [InlineData("public int Get(int id);", "CS0501")]
    [InlineData("partial int Get(int id);", "CS8796")]
    public void A_declaration_error_gets_BRAMA001_from_the_generator_and_no_body(string declaration, string compilerError)
    {
        var run = GeneratorRunner.Run(Wrap("[CircuitBreaker(\"api\")] " + declaration + " private int GetCore(int id) => id;"));

        var reported = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("BRAMA001", reported.Id);
        Assert.Empty(run.Sources);
        var error = Assert.Single(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(compilerError, error.Id);
        Assert.Equal(error.Location.SourceSpan, reported.Location.SourceSpan);
    }

    [Fact]
    public void An_async_definition_gets_BRAMA001_and_a_throwing_body_without_async()
    {
        var run = GeneratorRunner.Run(Wrap("[CircuitBreaker(\"api\")] public async partial Task<int> Get(int id); private Task<int> GetCore(int id) => Task.FromResult(id);"));

        Assert.Equal("BRAMA001", Assert.Single(run.GeneratorDiagnostics).Id);
        var text = Assert.Single(run.Sources).Value;
        Assert.Contains("public partial global::System.Threading.Tasks.Task<int> Get(int id)", text, StringComparison.Ordinal);
        Assert.Contains("is invalid (BRAMA001)", text, StringComparison.Ordinal);
        var error = Assert.Single(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("CS1994", error.Id);
    }

    [Fact]
    public void A_captured_primary_constructor_parameter_is_not_taken_for_the_registry_member()
    {
        // Before: the compiler's capture field <registry>P was taken for the registry, and the generated code
        // 'this.<registry>P' did not compile (CS1001, CS0103 in generated code).
        var run = GeneratorRunner.Run("""
            using Brama;
            namespace Shop
            {
                public partial class Inventory(ConnectionRegistry registry)
                {
                    public bool Uses(ConnectionRegistry other) => other == registry;
                    [CircuitBreaker("api")] public partial int Get(int id);
                    private int GetCore(int id) => id;
                }
                public partial class Kept(ConnectionRegistry registry)
                {
                    private readonly ConnectionRegistry _registry = registry;
                    public bool Uses(ConnectionRegistry other) => other == registry;
                    [CircuitBreaker("api")] public partial int Get(int id);
                    private int GetCore(int id) => id;
                }
            }
            """);

        Assert.Contains("global::Brama.ConnectionRegistry.Default, __brama_Get_Declaration", run.Sources["Shop.Inventory.CircuitBreaker.g.cs"], StringComparison.Ordinal);
        Assert.Contains("this._registry ?? global::Brama.ConnectionRegistry.Default", run.Sources["Shop.Kept.CircuitBreaker.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_repeated_attribute_uses_the_first_one_and_leaves_only_the_compilers_CS0579()
    {
        var run = GeneratorRunner.Run(Wrap("[CircuitBreaker(\"first\")] [CircuitBreaker(\"second\")] public partial int Get(int id); private int GetCore(int id) => id;"));

        Assert.Empty(run.GeneratorDiagnostics);
        var text = Assert.Single(run.Sources).Value;
        Assert.Contains("new global::Brama.ConnectionDeclaration(\"first\", null)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"second\"", text, StringComparison.Ordinal);
        var error = Assert.Single(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0579", error.Id);
        var source = error.Location.SourceTree!.ToString();
        Assert.Equal(source.IndexOf("CircuitBreaker(\"second\")", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Equal("CircuitBreaker", source.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_partial_method_with_a_hand_written_implementation_gets_nothing()
    {
        var run = GeneratorRunner.Run(Wrap("[CircuitBreaker(\"api\")] public partial int Get(int id); public partial int Get(int id) => id;"));

        Assert.Empty(run.Sources);
        Assert.DoesNotContain(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_method_that_is_not_partial_gets_nothing()
    {
        var run = GeneratorRunner.Run(Wrap("[CircuitBreaker(\"api\")] public int Get(int id) => id;"));

        Assert.Empty(run.Sources);
        Assert.DoesNotContain(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_valid_and_an_invalid_method_of_one_type_share_its_file()
    {
        var run = GeneratorRunner.Run(Wrap("""
            [CircuitBreaker("api")] public partial int Get(int id);
            private int GetCore(int id) => id;
            [CircuitBreaker("api", Fallback = "Nope")] public partial int Put(int id);
            private int PutCore(int id) => id;
            """));

        var text = Assert.Single(run.Sources).Value;
        Assert.Contains("__brama_Get_Connection", text, StringComparison.Ordinal);
        Assert.Contains("is invalid (BRAMA008)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("__brama_Put_Connection", text, StringComparison.Ordinal);
        Assert.Empty(run.NewDiagnostics());
    }

    private static string Wrap(string members) => $$"""
        using System.Threading.Tasks;
        using Brama;
        namespace Shop
        {
            public partial class Client
            {
                {{members}}
            }
        }
        """;
}
