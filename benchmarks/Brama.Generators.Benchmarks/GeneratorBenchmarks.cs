using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Brama.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Generators.Benchmarks;

/// <summary>
/// P7: the generator over a compilation with 10 to 1,000 decorated methods (ten per class), run from scratch and run
/// again after an edit to an unrelated file, as an IDE does on every keystroke. Both start from a compilation no run
/// has bound yet, so both include Roslyn's own binding of the attribute targets they touch.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private CSharpCompilation _compilation = null!;
    private SyntaxTree _unrelated = null!;
    private SyntaxTree[] _unrelatedEdits = null!;
    private GeneratorDriver _warmDriver = null!;
    private int _edit;

    [Params(10, 100, 1_000)]
    public int Methods { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _unrelated = Parse(UnrelatedSource(0), "Unrelated.cs");
        _unrelatedEdits = [Parse(UnrelatedSource(1), "Unrelated.cs"), Parse(UnrelatedSource(2), "Unrelated.cs")];
        _compilation = CSharpCompilation.Create(
            "Brama.GeneratorBenchmark",
            [Parse(DecoratedSource(Methods), "Decorated.cs"), _unrelated],
            [.. Basic.Reference.Assemblies.Net80.References.All, MetadataReference.CreateFromFile(typeof(CircuitBreakerAttribute).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var result = CreateDriver().RunGenerators(_compilation).GetRunResult();
        var implementationCalls = result.GeneratedTrees.Sum(static t => CountOccurrences(t.ToString(), "Core("));
        if (result.Diagnostics.Length != 0 || result.GeneratedTrees.Length != (Methods + 9) / 10 || implementationCalls < Methods)
        {
            throw new InvalidOperationException(
                $"The generator did not wrap {Methods} methods: {result.GeneratedTrees.Length} files, {implementationCalls} implementation calls, {result.Diagnostics.Length} diagnostics.");
        }

        _warmDriver = CreateDriver().RunGenerators(_compilation);
    }

    /// <summary>A new driver over a clone of the compilation, which carries none of the earlier runs' semantic caches.</summary>
    [Benchmark]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation.Clone());

    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit()
    {
        var edited = _unrelatedEdits[_edit++ & 1];
        var compilation = _compilation.ReplaceSyntaxTree(_unrelated, edited);
        _warmDriver = _warmDriver.RunGenerators(compilation);
        _compilation = compilation;
        _unrelated = edited;
        return _warmDriver;
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new CircuitBreakerGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    private static string DecoratedSource(int methods)
    {
        var builder = new StringBuilder("using System.Threading.Tasks;\nusing Brama;\nnamespace Bench;\n");
        for (var i = 0; i < methods; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            if (i % 10 == 0)
            {
                builder.Append(i == 0 ? string.Empty : "}\n")
                    .Append("public partial class Client").Append(i / 10).Append("\n{\n");
            }

            builder.Append(i % 2 == 0
                ? $"    [CircuitBreaker(\"api_{n}\")] public partial int Get{n}(int id);\n    private int Get{n}Core(int id) => id;\n"
                : $"    [CircuitBreaker(\"api_{n}\")] public partial Task<string> Fetch{n}(string key);\n    private Task<string> Fetch{n}Core(string key) => Task.FromResult(key);\n");
        }

        return builder.Append("}\n").ToString();
    }

    private static string UnrelatedSource(int version) =>
        "namespace Bench;\npublic static class Unrelated\n{\n    public static int Value() => " + version.ToString(CultureInfo.InvariantCulture) + ";\n}\n";

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
