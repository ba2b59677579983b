using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Testing.Roslyn;

/// <summary>Builds C# compilations against the net8.0 reference assemblies and Brama.Core, with no download at test time.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net80.References.All,
        MetadataReference.CreateFromFile(typeof(Brama.CircuitBreakerAttribute).Assembly.Location),
    ];

    public static CSharpCompilation Create(params string[] sources) => Create(ParseOptions, sources);

    public static CSharpCompilation Create(CSharpParseOptions parseOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "Brama.TestInput",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"Input{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    public static IEnumerable<Diagnostic> Errors(this Compilation compilation) =>
        compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error);
}
