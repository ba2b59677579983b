using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Brama.Core.Tests.Architecture;

/// <summary>
/// Every source file of Brama.Core names only types and members of its own folder and of the folders its folder may
/// name (<see cref="FolderGraph"/>), and that graph has no cycle: the engine talks outward only through the seam it
/// owns. Checked on Roslyn's semantic model of the real sources, so a type name in a comment or string does not count
/// and a renamed or moved type cannot slip through.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<(CSharpCompilation Compilation, ImmutableArray<SyntaxTree> Trees)> Sources = new(Compile);

    [Fact]
    public void Every_file_names_only_its_own_folder_and_the_folders_it_may_name()
    {
        var (compilation, trees) = Sources.Value;
        var violations = new List<string>();
        foreach (var tree in trees)
        {
            var folder = FolderOf(tree.FilePath);
            var allowed = FolderGraph.MayName[folder].Append(folder).ToHashSet(StringComparer.Ordinal);
            var model = compilation.GetSemanticModel(tree);
            var token = TestContext.Current.CancellationToken;
            foreach (var node in tree.GetRoot(token).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax>())
            {
                var info = model.GetSymbolInfo(node, token);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                var folders = FoldersDeclaring(symbol, trees);
                if (folders.Count > 0 && !folders.Overlaps(allowed))
                {
                    var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    violations.Add($"{Relative(tree.FilePath)}:{line} ({folder}) names {symbol!.ToDisplayString()} of {string.Join("/", folders)}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations.Distinct()));
    }

    [Fact]
    public void Every_source_file_sits_in_a_known_folder()
    {
        Assert.All(Sources.Value.Trees, static tree => Assert.Contains(FolderOf(tree.FilePath), FolderGraph.MayName.Keys));
    }

    [Fact]
    public void The_folder_graph_has_no_cycle()
    {
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in FolderGraph.MayName.Keys)
        {
            Visit(folder, []);
        }

        void Visit(string folder, List<string> path)
        {
            if (done.Contains(folder))
            {
                return;
            }

            Assert.True(visiting.Add(folder), "cycle: " + string.Join(" → ", path.Append(folder)));
            foreach (var next in FolderGraph.MayName[folder])
            {
                Visit(next, [.. path, folder]);
            }

            visiting.Remove(folder);
            done.Add(folder);
        }
    }

    [Fact]
    public void The_engine_names_no_event_or_telemetry_type()
    {
        Assert.DoesNotContain("Events", FolderGraph.MayName["Engine"]);
        Assert.DoesNotContain("Telemetry", FolderGraph.MayName["Engine"]);
        Assert.DoesNotContain("Publishing", FolderGraph.MayName["Engine"]);
    }

    [Fact]
    public void The_drawing_shows_exactly_the_graph_the_sources_are_held_to()
    {
        var dot = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.dot"));
        var drawn = Edge().Matches(dot).Select(static m => $"{m.Groups[1].Value} -> {m.Groups[2].Value}").Order(StringComparer.Ordinal);
        var declared = FolderGraph.MayName.SelectMany(static pair => pair.Value.Select(to => $"{pair.Key} -> {to}")).Order(StringComparer.Ordinal);

        Assert.Equal(declared, drawn);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "architecture.svg")));
    }

    private static HashSet<string> FoldersDeclaring(ISymbol? symbol, ImmutableArray<SyntaxTree> trees)
    {
        // A member counts where it is declared; a type where any of its parts is (a partial type may span folders).
        var folders = new HashSet<string>(StringComparer.Ordinal);
        if (symbol is null or INamespaceSymbol)
        {
            return folders;
        }

        var target = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor ? ctor.ContainingType : symbol;
        target = target.OriginalDefinition;
        foreach (var location in target.Locations.Where(static l => l.IsInSource))
        {
            if (trees.Contains(location.SourceTree!))
            {
                folders.Add(FolderOf(location.SourceTree!.FilePath));
            }
        }

        return folders;
    }

    private static (CSharpCompilation, ImmutableArray<SyntaxTree>) Compile()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Brama.Core");
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(static f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, path: f))
            .ToImmutableArray();

        // The project's implicit usings.
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            ParseOptions);
        var references = Basic.Reference.Assemblies.Net80.References.All
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "Brama.Core.Architecture",
            trees.Append(globalUsings),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return (compilation, trees);
    }

    private static string FolderOf(string path)
    {
        var relative = Relative(path);
        var separator = relative.IndexOf('/', StringComparison.Ordinal);
        return separator < 0 ? "(root)" : relative[..separator];
    }

    private static string Relative(string path) =>
        Path.GetRelativePath(Path.Combine(RepositoryRoot(), "src", "Brama.Core"), path).Replace(Path.DirectorySeparatorChar, '/');

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Brama.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Brama.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*(\w+)\s*->\s*(\w+)", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
