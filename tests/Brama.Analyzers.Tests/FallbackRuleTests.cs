using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA008: the fallback exists and matches.</summary>
public class FallbackRuleTests
{
    [Fact]
    public async Task Missing_fallback_is_reported_on_the_argument()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("api", Fallback = {|BRAMA008:"Cached"|})]
                public partial Task<string> Load(int id);
                private Task<string> LoadCore(int id) => Task.FromResult("x");
            }
            """);

        Assert.Equal(
            "Fallback 'Cached' of [CircuitBreaker] method 'Load' is missing: 'Client' has no accessible method 'Cached'; declare 'private Task<string> Cached(int id, ConnectionStatus status)' (the last parameter is optional)",
            diagnostics[0].Message());
    }

    [Theory]
    [InlineData("private string Cached(int id) => \"\";", "it returns 'string', expected 'Task<string>'")]
    [InlineData("private Task<string> Cached(int id, string status) => null!;", "its extra last parameter 'status' must be a 'ConnectionStatus' passed by value")]
    [InlineData("private Task<string> Cached() => null!;", "it has 0 parameters, expected 1")]
    [InlineData("private Task<string> Cached(long id) => null!;", "parameter 1 ('id') is 'long', expected 'int'")]
    public async Task Incompatible_fallback_is_reported_on_its_name(string fallback, string reason)
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker("api", Fallback = nameof(Cached))]
                public partial Task<string> Load(int id);
                private Task<string> LoadCore(int id) => Task.FromResult("x");
                {{fallback.Replace("Cached", "{|BRAMA008:Cached|}", StringComparison.Ordinal)}}
            }
            """);

        Assert.Contains($"does not match: {reason}", diagnostics[0].Message());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("nameof(Load)")]
    public async Task A_blank_or_self_fallback_is_reported(string fallback)
    {
        await AnalyzerRunner.VerifyAsync($$"""
            public partial class Client
            {
                [CircuitBreaker("api", Fallback = {|BRAMA008:{{fallback}}|})]
                public partial Task<string> Load(int id);
                private Task<string> LoadCore(int id) => Task.FromResult("x");
            }
            """);
    }

    [Fact]
    public async Task Fallbacks_with_and_without_status_static_and_generic_are_accepted()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("api", Fallback = nameof(Cached))]
                public partial Task<string> Load(int id);
                private Task<string> LoadCore(int id) => Task.FromResult("x");
                private Task<string> Cached(int id, ConnectionStatus status) => Task.FromResult(status.Identifier);

                [CircuitBreaker("api", Fallback = nameof(Default))]
                public partial T Get<T>(T seed);
                private T GetCore<T>(T seed) => seed;
                private static T Default<T>(T seed) => seed;
            }
            """);
    }
}
