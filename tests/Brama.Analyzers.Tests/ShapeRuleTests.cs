using Brama.Analyzers.Tests.Infrastructure;

namespace Brama.Analyzers.Tests;

/// <summary>BRAMA006: shapes the wrapper cannot protect.</summary>
public class ShapeRuleTests
{
    [Fact]
    public async Task Ref_return_is_reported_on_the_return_type()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Buffer
            {
                private int _value;
                [CircuitBreaker("buffer")]
                public partial {|BRAMA006:ref int|} Slot();
                private ref int SlotCore() => ref _value;
            }
            """);

        Assert.Equal(
            "[CircuitBreaker] method 'Slot' has an unsupported shape: it returns by reference, and a result must pass through the breaker by value; return the value instead",
            diagnostics[0].Message());
    }

    [Fact]
    public async Task Async_streams_are_reported_on_the_return_type()
    {
        await AnalyzerRunner.VerifyAsync("""
            using System.Collections.Generic;
            public partial class Feed
            {
                [CircuitBreaker("feed")]
                public partial {|BRAMA006:IAsyncEnumerable<int>|} Read();
                private async IAsyncEnumerable<int> ReadCore() { await Task.Yield(); yield return 1; }
            }
            """);
    }

    [Fact]
    public async Task Async_void_implementation_is_reported_on_the_method()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Notifier
            {
                [CircuitBreaker("notifier")]
                public partial void {|BRAMA006:Notify|}();
                private async void NotifyCore() => await Task.Yield();
            }
            """);

        Assert.Contains("an 'async void' method cannot report its failures to the breaker; return Task instead", diagnostics[0].Message());
    }

    [Fact]
    public async Task By_reference_and_ref_like_parameters_of_asynchronous_methods_are_reported_on_the_parameter()
    {
        var diagnostics = await AnalyzerRunner.VerifyAsync("""
            public partial class Parser
            {
                [CircuitBreaker("parser")]
                public partial Task<int> Parse(ReadOnlySpan<byte> {|BRAMA006:data|}, ref int {|BRAMA006:position|}, CancellationToken ct);
                private Task<int> ParseCore(ReadOnlySpan<byte> data, ref int position, CancellationToken ct) => Task.FromResult(0);
            }
            """);

        Assert.Contains("parameter 'data' has the ref-like type 'ReadOnlySpan<byte>'", diagnostics[0].Message());
        Assert.Contains("parameter 'position' is passed by reference", diagnostics[1].Message());
    }

    [Fact]
    public async Task Near_misses_synchronous_ref_parameters_spans_and_async_tasks_are_accepted()
    {
        await AnalyzerRunner.VerifyAsync("""
            public partial class Parser
            {
                [CircuitBreaker("parser")]
                public partial int Parse(ReadOnlySpan<byte> data, ref int position, out int length);
                private int ParseCore(ReadOnlySpan<byte> data, ref int position, out int length) { length = 0; return 0; }

                [CircuitBreaker("parser")]
                public partial ValueTask<int> ParseAsync(ReadOnlyMemory<byte> data, CancellationToken ct);
                private async ValueTask<int> ParseAsyncCore(ReadOnlyMemory<byte> data, CancellationToken ct) { await Task.Yield(); return data.Length; }

                [CircuitBreaker("parser")]
                public partial void Fire();
                private void FireCore() { }
            }
            """);
    }
}
