using Brama.Analyzers.Tests.Infrastructure;
using Brama.SourceGeneration.Checks;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;

namespace Brama.Analyzers.Tests;

/// <summary>The shared check API the generator consumes: findings in ID order, null location meaning the method name.</summary>
public class DecoratorChecksTests
{
    [Fact]
    public void Several_mistakes_give_one_finding_each_in_ID_order()
    {
        var (method, attribute, compilation) = Decorated("""
            public sealed class Errors : IErrorHandler<string> { public Outcome Classify(string result) => Outcome.Success; }
            public partial class C
            {
                private readonly ConnectionRegistry _a = new(), _b = new();
                [CircuitBreaker(" ", ErrorHandler = typeof(Errors), Fallback = "Nope", MaxAttempts = -1, HalfOpenMaxCalls = -1)]
                public partial ref int M(int x);
            }
            """);

        var findings = DecoratorChecks.Check(method, attribute, compilation, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["BRAMA003", "BRAMA004", "BRAMA005", "BRAMA006", "BRAMA008", "BRAMA009", "BRAMA011", "BRAMA011"],
            findings.Select(static f => f.Id));
        Assert.Null(findings[0].Location);
        Assert.Equal(["M", "is missing: 'C' has no accessible method 'MCore'", "private int MCore(int x)"], findings[0].MessageArguments);
        Assert.All(findings.Skip(1), static f => Assert.True(f.Location!.IsInSource));
    }

    [Fact]
    public void A_method_with_a_body_gives_BRAMA001_alone()
    {
        var (method, attribute, compilation) = Decorated("""
            public class C
            {
                [CircuitBreaker("", MaxAttempts = -1)]
                public int M(int x) => x;
            }
            """);

        var finding = Assert.Single(DecoratorChecks.Check(method, attribute, compilation, TestContext.Current.CancellationToken));

        Assert.Equal("BRAMA001", finding.Id);
        Assert.Null(finding.Location);
        Assert.Equal(["M", "has a body", "MCore"], finding.MessageArguments);
    }

    [Fact]
    public void A_valid_declaration_gives_no_finding()
    {
        var (method, attribute, compilation) = Decorated("""
            public partial class C
            {
                [CircuitBreaker("a", Scope = "b", MaxAttempts = 2, ExpiryMilliseconds = 10, ExpiryStrategy = ExpiryStrategy.Progressive, HalfOpenMaxCalls = 3)]
                public partial ValueTask M(int x);
                private ValueTask MCore(int x) => default;
            }
            """);

        Assert.Empty(DecoratorChecks.Check(method, attribute, compilation, TestContext.Current.CancellationToken));
    }

    private static (IMethodSymbol Method, AttributeData Attribute, Compilation Compilation) Decorated(string source)
    {
        var compilation = TestCompilation.Create(AnalyzerRunner.Usings + source);
        var method = compilation.GetTypeByMetadataName("C")!.GetMembers("M").OfType<IMethodSymbol>().Single();
        var attribute = method.GetAttributes().Single(static a => a.AttributeClass?.Name == "CircuitBreakerAttribute");
        return (method, attribute, compilation);
    }
}
