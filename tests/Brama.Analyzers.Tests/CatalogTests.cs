using Brama.Analyzers.Tests.Infrastructure;
using Brama.Generators;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Analyzers.Tests;

/// <summary>
/// Generator and analyzers together, as in a build: each misuse gives exactly one Brama diagnostic, at the marked
/// span, and no compiler error beyond it — none in generated code and no CS8795. The only compiler errors allowed
/// are the compiler's own statement of the same mistake, listed per case and documented on the rule's page.
/// </summary>
public class CatalogTests
{
    private const string Handlers = """
        public sealed class IntErrors : IErrorHandler<int> { public Outcome Classify(int result) => Outcome.Success; }
        public abstract class AbstractErrors : IErrorHandler<int> { public Outcome Classify(int result) => Outcome.Success; }
        public sealed class ArgumentErrors(int level) : IErrorHandler<int> { public Outcome Classify(int result) => level > 0 ? Outcome.Success : Outcome.Ignore; }

        """;

    public static TheoryData<string, string, string> Cases() => new()
    {
        // name, compiler errors allowed (the compiler's own statement of the same mistake), source with markup
        { "001 body", "", """
            public partial class C { [CircuitBreaker("a")] public int {|BRAMA001:M|}(int x) => x; }
            """ },
        { "001 abstract", "", """
            public abstract partial class C { [CircuitBreaker("a")] public abstract int {|BRAMA001:M|}(int x); private int MCore(int x) => x; }
            """ },
        { "001 hand-written implementing part", "", """
            public partial class C { [CircuitBreaker("a")] public partial int M(int x); public partial int {|BRAMA001:M|}(int x) => x; private int MCore(int x) => x; }
            """ },
        { "001 interface member", "", """
            public partial interface I { [CircuitBreaker("a")] int {|BRAMA001:M|}(int x); }
            """ },
        // CS0501 ("must declare a body") is the compiler's own statement of the same mistake (see BRAMA001.md).
        { "001 bodiless without partial", "CS0501", """
            public partial class C { [CircuitBreaker("a")] public int {|BRAMA001:M|}(int x); private int MCore(int x) => x; }
            """ },
        // CS0759 ("No defining declaration found for implementing declaration of partial method") is the compiler's own
        // statement of a 'partial' method with a body; the generator reports BRAMA001 beside it (see BRAMA001.md).
        { "001 partial with a body", "CS0759", """
            public partial class C { [CircuitBreaker("a")] public partial int {|BRAMA001:M|}(int x) => x; private int MCore(int x) => x; }
            """ },
        // CS1994 ("The 'async' modifier can only be used in methods that have a body"); the throwing body keeps CS8795 away.
        { "001 async definition", "CS1994", """
            public partial class C { [CircuitBreaker("a")] public async partial Task<int> {|BRAMA001:M|}(int x); private Task<int> MCore(int x) => Task.FromResult(x); }
            """ },
        // CS8796 ("must have accessibility modifiers because it has a non-void return type"): no body can be added.
        { "001 definition without accessibility", "CS8796", """
            public partial class C { [CircuitBreaker("a")] partial int {|BRAMA001:M|}(int x); private int MCore(int x) => x; }
            """ },
        // CS0260 ("Missing partial modifier on declaration of type 'C'; another partial declaration of this type
        // exists") is the compiler's own statement of the mistake: the generator still writes the throwing body inside
        // partial declarations of the whole type chain, so no CS8795 follows (see BRAMA002.md).
        { "002 class", "CS0260", """
            public class {|BRAMA002:C|} { [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "002 enclosing type", "CS0260", """
            public class {|BRAMA002:Outer|} { public partial class C { [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x; } }
            """ },
        { "002 generic record", "CS0260", """
            public record {|BRAMA002:C|}<T>(T Value) { [CircuitBreaker("a")] public partial T M(T x); private T MCore(T x) => x; }
            """ },
        { "002 readonly struct in a generic class", "CS0260", """
            public class {|BRAMA002:Outer|}<T> { public readonly partial struct S { [CircuitBreaker("a")] public partial T M(T x); private T MCore(T x) => x; } }
            """ },
        { "002 record struct", "CS0260", """
            public record struct {|BRAMA002:S|}(int Id) { [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "002 static class", "CS0260", """
            public static class {|BRAMA002:C|} { [CircuitBreaker("a")] public static partial int M(int x); private static int MCore(int x) => x; }
            """ },
        { "003 missing", "", """
            public partial class C { [CircuitBreaker("a")] public partial Task<int> {|BRAMA003:M|}(int x, CancellationToken ct); }
            """ },
        { "003 missing named", "", """
            public partial class C { [CircuitBreaker("a", Implementation = {|BRAMA003:"Run"|})] public partial int M(int x); }
            """ },
        { "003 parameter type", "", """
            public partial class C { [CircuitBreaker("a")] public partial int M(int x); private int {|BRAMA003:MCore|}(long x) => 0; }
            """ },
        { "003 return type", "", """
            public partial class C { [CircuitBreaker("a")] public partial Task<int> M(int x); private Task<long> {|BRAMA003:MCore|}(int x) => Task.FromResult(0L); }
            """ },
        { "003 ref kind", "", """
            public partial class C { [CircuitBreaker("a")] public partial int M(ref int x); private int {|BRAMA003:MCore|}(int x) => x; }
            """ },
        { "003 static", "", """
            public partial class C { [CircuitBreaker("a")] public static partial int M(int x); private int {|BRAMA003:MCore|}(int x) => x; }
            """ },
        { "003 generic arity", "", """
            public partial class C { [CircuitBreaker("a")] public partial T M<T>(T x); private int {|BRAMA003:MCore|}(int x) => x; }
            """ },
        { "003 constraints", "", """
            public partial class C { [CircuitBreaker("a")] public partial T M<T>(T x); private T {|BRAMA003:MCore|}<T>(T x) where T : struct => x; }
            """ },
        { "004 empty", "", """
            public partial class C { [CircuitBreaker({|BRAMA004:""|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "004 white space", "", """
            public partial class C { [CircuitBreaker({|BRAMA004:"  "|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "004 null", "", """
            public partial class C { [CircuitBreaker({|BRAMA004:null!|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "004 too long", "", $$"""
            public partial class C { [CircuitBreaker({|BRAMA004:"{{new string('x', 300)}}"|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        // CS0182, CS7036 and CS1994 are the compiler's own statement of the same mistake (see BRAMA004.md, BRAMA006.md).
        { "004 not constant", "CS0182", """
            public partial class C { static string Name = "a"; [CircuitBreaker({|BRAMA004:Name|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "004 missing", "CS7036", """
            public partial class C { [{|BRAMA004:CircuitBreaker|}] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "004 scope", "", """
            public partial class C { [CircuitBreaker("a", Scope = {|BRAMA004:""|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "005 wrong result type", "", Handlers + """
            public partial class C { [CircuitBreaker("a", ErrorHandler = {|BRAMA005:typeof(IntErrors)|})] public partial long M(int x); private long MCore(int x) => x; }
            """ },
        { "005 task unwrapped", "", Handlers + """
            public partial class C { [CircuitBreaker("a", ErrorHandler = {|BRAMA005:typeof(IntErrors)|})] public partial ValueTask<string> M(int x); private ValueTask<string> MCore(int x) => default; }
            """ },
        { "005 abstract", "", Handlers + """
            public partial class C { [CircuitBreaker("a", ErrorHandler = {|BRAMA005:typeof(AbstractErrors)|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "005 no parameterless constructor", "", Handlers + """
            public partial class C { [CircuitBreaker("a", ErrorHandler = {|BRAMA005:typeof(ArgumentErrors)|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "001 async void definition", "CS1994", """
            public partial class C { [CircuitBreaker("a")] public async partial void {|BRAMA001:M|}(); private void MCore() { } }
            """ },
        { "001 attribute on the implementing part", "", """
            public partial class C { public partial int M(int x); [CircuitBreaker("a")] public partial int {|BRAMA001:M|}(int x) => x; private int MCore(int x) => x; }
            """ },
        { "006 ref return", "", """
            public partial class C { private int _v; [CircuitBreaker("a")] public partial {|BRAMA006:ref int|} M(); private ref int MCore() => ref _v; }
            """ },
        { "006 async stream", "", """
            public partial class C { [CircuitBreaker("a")] public partial {|BRAMA006:System.Collections.Generic.IAsyncEnumerable<int>|} M(); private async System.Collections.Generic.IAsyncEnumerable<int> MCore() { await Task.Yield(); yield return 1; } }
            """ },
        { "006 async void", "", """
            public partial class C { [CircuitBreaker("a")] public partial void {|BRAMA006:M|}(); private async void MCore() => await Task.Yield(); }
            """ },
        { "006 span on async", "", """
            public partial class C { [CircuitBreaker("a")] public partial Task<int> M(ReadOnlySpan<byte> {|BRAMA006:data|}); private Task<int> MCore(ReadOnlySpan<byte> data) => Task.FromResult(data.Length); }
            """ },
        { "006 ref on async", "", """
            public partial class C { [CircuitBreaker("a")] public partial ValueTask M(ref int {|BRAMA006:x|}); private ValueTask MCore(ref int x) => default; }
            """ },
        { "007 conflicting options", "", """
            public partial class C
            {
                [CircuitBreaker("a", MaxAttempts = 2)] public partial int M(int x); private int MCore(int x) => x;
                [{|BRAMA007:CircuitBreaker("a", MaxAttempts = 3)|}] public partial int N(int x); private int NCore(int x) => x;
            }
            """ },
        { "008 missing", "", """
            public partial class C { [CircuitBreaker("a", Fallback = {|BRAMA008:"Cached"|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "008 incompatible", "", """
            public partial class C { [CircuitBreaker("a", Fallback = nameof(Cached))] public partial int M(int x); private int MCore(int x) => x; private string {|BRAMA008:Cached|}(int x) => ""; }
            """ },
        { "009 two registries", "", """
            public partial class C
            {
                private readonly ConnectionRegistry _one = new(); private readonly ConnectionRegistry {|BRAMA009:_two|} = new();
                [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x;
            }
            """ },
        { "010 direct call", "", """
            public partial class C { [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x; public int Bypass() => {|BRAMA010:MCore|}(1); }
            """ },
        { "011 max attempts", "", """
            public partial class C { [CircuitBreaker("a", MaxAttempts = {|BRAMA011:-1|})] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        { "011 expiry", "", """
            public partial class C { [CircuitBreaker("a", ExpiryMilliseconds = {|BRAMA011:long.MaxValue|})] public partial Task M(int x); private Task MCore(int x) => Task.CompletedTask; }
            """ },
        { "011 strategy", "", """
            public partial class C { [CircuitBreaker("a", ExpiryStrategy = {|BRAMA011:(ExpiryStrategy)9|})] public partial void M(int x); private void MCore(int x) { } }
            """ },
        { "011 half-open calls", "", """
            public partial class C { [CircuitBreaker("a", HalfOpenMaxCalls = {|BRAMA011:-2|})] public partial void M(int x); private void MCore(int x) { } }
            """ },
        { "012 primary constructor registry", "", """
            public partial class C(ConnectionRegistry {|BRAMA012:registry|}) { public bool Uses(ConnectionRegistry r) => r == registry; [CircuitBreaker("a")] public partial int M(int x); private int MCore(int x) => x; }
            """ },
        // CS8795 ("Partial method 'C.M(int)' must have an implementation part") is the compiler's view of the same
        // mistake: no generated part can reach a file-local type or implement an interface member (see BRAMA013.md).
        { "013 file-local type", "CS8795", """
            file partial class C { [CircuitBreaker("a")] public partial int {|BRAMA013:M|}(int x); private int MCore(int x) => x; }
            """ },
        { "013 interface", "CS8795", """
            public partial interface I { [CircuitBreaker("a")] public partial int {|BRAMA013:M|}(int x); private int MCore(int x) => x; }
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task One_mistake_gives_one_Brama_diagnostic_and_no_other_error(string name, string allowedCompilerErrors, string markup)
    {
        var (source, expected) = Markup.Parse(AnalyzerRunner.Usings + markup);
        var expectedDiagnostic = Assert.Single(expected);
        var (compilation, brama) = await AnalyzerRunner.BuildAsync(TestCompilation.Create(source));

        var diagnostic = Assert.Single(brama);
        Assert.Equal(expectedDiagnostic.Id, diagnostic.Id);
        Assert.Equal(expectedDiagnostic.Span, diagnostic.Location.SourceSpan);
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);

        var allowed = allowedCompilerErrors.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var errors = compilation.Errors().Select(static e => $"{e.Id} {e.Location.SourceTree?.FilePath}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        Assert.True(
            errors.All(e => allowed.Any(a => e.StartsWith(a + " Input0.cs", StringComparison.Ordinal))),
            $"{name}: unexpected compiler errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        Assert.Equal(allowed.Length, errors.Count);
    }

    [Fact]
    public void The_catalog_covers_every_rule_with_at_least_25_cases()
    {
        var ids = Cases().Select(static row => Markup.Parse(AnalyzerRunner.Usings + row.Data.Item3).Expected.Single().Id).ToList();

        Assert.True(ids.Count >= 25, $"{ids.Count} cases");
        Assert.Equal(Enumerable.Range(1, 13).Select(static i => $"BRAMA{i:000}"), ids.Distinct().Order());
    }

    [Fact]
    public async Task A_correct_declaration_of_every_shape_gives_nothing()
    {
        var (compilation, brama) = await AnalyzerRunner.BuildAsync(TestCompilation.Create(AnalyzerRunner.Usings + Handlers + """
            public partial class C
            {
                [CircuitBreaker("a", ErrorHandler = typeof(IntErrors), Fallback = nameof(Cached), MaxAttempts = 3)]
                public partial Task<int> M(int x, CancellationToken ct);
                private Task<int> MCore(int x, CancellationToken ct) => Task.FromResult(x);
                private Task<int> Cached(int x, CancellationToken ct, ConnectionStatus status) => Task.FromResult(-1);

                [CircuitBreaker("b", Scope = "eu")]
                public static partial void Fire(ref int counter);
                private static void FireCore(ref int counter) => counter++;

                [CircuitBreaker("c")]
                public partial T Echo<T>(T value) where T : notnull;
                private T EchoCore<T>(T value) where T : notnull => value;

                public int UsesWrapper() => Echo(1);

                [CircuitBreaker("d")]
                public partial (int Id, string Name) Find(ReadOnlySpan<byte> key);
                private (int X, string Y) FindCore(ReadOnlySpan<byte> key) => (key.Length, "");
            }

            public unsafe partial class Native
            {
                [CircuitBreaker("e")]
                public partial int Read(byte* data, delegate*<byte, int> map);
                private int ReadCore(byte* data, delegate*<byte, int> map) => map(*data);
            }
            """));

        Assert.Empty(brama);
        Assert.Empty(compilation.Errors());
    }

    [Fact]
    public async Task A_repeated_attribute_gives_only_the_compilers_CS0579()
    {
        // No Brama rule covers the repetition (the attribute is AllowMultiple = false); the first attribute is used by
        // the analyzers and the generator alike, so the compiler's own CS0579 stays alone, without CS8795.
        var (compilation, brama) = await AnalyzerRunner.BuildAsync(TestCompilation.Create(AnalyzerRunner.Usings + """
            public partial class C { [CircuitBreaker("a")] [CircuitBreaker("b", MaxAttempts = 2)] public partial int M(int x); private int MCore(int x) => x; }
            """));

        Assert.Empty(brama);
        var error = Assert.Single(compilation.Errors());
        Assert.Equal("CS0579", error.Id);
        Assert.Equal("Input0.cs", error.Location.SourceTree?.FilePath);
    }
}
