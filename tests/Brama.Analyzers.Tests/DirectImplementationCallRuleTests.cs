using Brama.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA010: calls that bypass the breaker.</summary>
public class DirectImplementationCallRuleTests
{
    [Fact]
    public async Task Direct_calls_and_delegates_are_warnings_on_the_name()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("api")]
                public partial Task<int> LoadAsync(int id);
                private Task<int> LoadAsyncCore(int id) => Task.FromResult(id);

                public Task<int> Bypass() => {|BRAMA010:LoadAsyncCore|}(1);
                public Task<int> Qualified() => this.{|BRAMA010:LoadAsyncCore|}(2);
                public Func<int, Task<int>> Delegate() => {|BRAMA010:LoadAsyncCore|};
                public Task<int> Fallback() => LoadAsync(3);
            }
            public class Caller
            {
                public int Name() => nameof(Client.LoadAsync).Length;
            }
            """);

        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal(
            "'LoadAsyncCore' is the implementation of [CircuitBreaker] method 'LoadAsync'; calling it directly bypasses the circuit breaker, call 'LoadAsync' instead",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task Recursion_inside_the_implementation_is_allowed()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Tree
            {
                [CircuitBreaker("tree")]
                public partial int Depth(int node);
                private int DepthCore(int node)
                {
                    int Local(int n) => n == 0 ? 0 : DepthCore(n - 1);
                    return node == 0 ? 0 : 1 + DepthCore(node - 1) + Local(0);
                }
            }
            """);
    }

    [Fact]
    public async Task Calls_from_other_types_generic_types_and_derived_types_are_reported()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Repository<T>
            {
                [CircuitBreaker("repo")]
                public partial T Get(int id);
                internal T GetCore(int id) => default!;
            }
            public class Base
            {
                protected int SendCore() => 1;
            }
            public partial class Derived : Base
            {
                [CircuitBreaker("send")]
                public partial int Send();
                public int Bypass() => {|BRAMA010:SendCore|}();
            }
            public class Other
            {
                public string Bypass(Repository<string> repository) => repository.{|BRAMA010:GetCore|}(1);
            }
            """);
    }

    [Fact]
    public async Task An_overload_that_is_not_the_implementation_is_not_reported()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Client
            {
                [CircuitBreaker("api")]
                public partial int Load(int id);
                private int LoadCore(int id) => id;
                private int LoadCore(string name) => name.Length;

                public int Other() => LoadCore("x");
            }
            """);
    }
}
