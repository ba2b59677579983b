using Brama.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Brama.Generators.Tests;

/// <summary>Which registry the wrapper reads: the type's one ConnectionRegistry member when it can reach it, else the default.</summary>
public class RegistryResolutionTests
{
    [Theory]
    [InlineData("public partial class C { [CircuitBreaker(\"a\")] public partial int M(); private int MCore() => 1; }",
        "global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial class C { private ConnectionRegistry Registry { get; } = new ConnectionRegistry(); [CircuitBreaker(\"a\")] public partial int M(); private int MCore() => 1; }",
        "this.Registry ?? global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial class C { internal static ConnectionRegistry? shared; [CircuitBreaker(\"a\")] public partial int M(); private int MCore() => 1; }",
        "global::Shop.C.shared ?? global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial class C<T> { public static ConnectionRegistry? @event { get; set; } [CircuitBreaker(\"a\")] public static partial int M(); private static int MCore() => 1; }",
        "global::Shop.C<T>.@event ?? global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial class C { private readonly ConnectionRegistry _registry = new ConnectionRegistry(); [CircuitBreaker(\"a\")] public static partial int M(); private static int MCore() => 1; }",
        "global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial record C(ConnectionRegistry Registry) { [CircuitBreaker(\"a\")] public partial int M(); private int MCore() => 1; }",
        "this.Registry ?? global::Brama.ConnectionRegistry.Default, ")]
    [InlineData("public partial class B { protected ConnectionRegistry? Inherited { get; set; } } public partial class C : B { [CircuitBreaker(\"a\")] public partial int M(); private int MCore() => 1; }",
        "global::Brama.ConnectionRegistry.Default, ")]
    public void The_wrapper_reads_the_registry_it_can_reach(string declarations, string expected)
    {
        var run = GeneratorRunner.Run("using Brama;\nnamespace Shop\n{\n" + declarations + "\n}");

        var text = Assert.Single(run.Sources).Value;
        Assert.Contains("GetConnection(ref __brama_M_Connection, " + expected + "__brama_M_Declaration);", text, StringComparison.Ordinal);
        Assert.DoesNotContain(run.NewDiagnostics(), static d => d.Severity >= DiagnosticSeverity.Warning);
    }
}
