using System.IO.Compression;
using System.Xml.Linq;

namespace Brama.PackageTests;

public sealed class BramaPackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    private string PackagePath => packages.PathOf("Brama");

    [Fact]
    public void The_package_carries_the_runtime_the_generator_and_the_analyzers()
    {
        using var archive = ZipFile.OpenRead(PackagePath);
        var entries = archive.Entries.Select(static e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net8.0/Brama.Core.dll", entries);
        Assert.Contains("lib/net8.0/Brama.Core.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/Brama.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Brama.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/Brama.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, static e => e.Contains("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_package_depends_on_no_Roslyn_package()
    {
        using var archive = ZipFile.OpenRead(PackagePath);
        var nuspec = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);

        var dependencies = document.Descendants().Where(static e => e.Name.LocalName == "dependency")
            .Select(static e => (string?)e.Attribute("id")).ToList();
        Assert.DoesNotContain(dependencies, static id => id!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, static id => id!.StartsWith("PolySharp", StringComparison.Ordinal));
        var metadata = document.Descendants().Single(static e => e.Name.LocalName == "metadata");
        Assert.Equal("Brama", metadata.Elements().Single(static e => e.Name.LocalName == "id").Value);
        Assert.Equal("README.md", metadata.Elements().Single(static e => e.Name.LocalName == "readme").Value);
        Assert.Equal("https://github.com/brama-dotnet/brama", metadata.Elements().Single(static e => e.Name.LocalName == "projectUrl").Value);
        Assert.Equal("https://github.com/brama-dotnet/brama", (string?)metadata.Elements().Single(static e => e.Name.LocalName == "repository").Attribute("url"));
    }

    [Fact]
    public void The_package_is_source_linked_with_symbols_beside_it()
    {
        using var archive = ZipFile.OpenRead(PackagePath);
        var nuspec = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var repository = XDocument.Load(stream).Descendants().Single(static e => e.Name.LocalName == "repository");

        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? string.Empty);
        using var symbols = ZipFile.OpenRead(packages.PathOf("Brama", "snupkg"));
        Assert.Contains(symbols.Entries, static e => e.FullName == "lib/net8.0/Brama.Core.pdb");
    }

    [Fact]
    public async Task A_consumer_restored_from_the_folder_runs_generated_code()
    {
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;

            var registry = new ConnectionRegistry();
            var client = new Client(registry);
            Console.WriteLine($"result={client.Double(21)}");
            Console.WriteLine($"state={registry.TryGetStatus("consumer_api", null, out var status) && status.State == CircuitState.Closed}");

            public partial class Client(ConnectionRegistry registry)
            {
                private readonly ConnectionRegistry _registry = registry;

                [CircuitBreaker("consumer_api")]
                public partial int Double(int value);

                private int DoubleCore(int value) => value * 2;
            }
            """);

        var (exitCode, output) = await consumer.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output);
        Assert.Contains("result=42", output);
        Assert.Contains("state=True", output);
    }

    [Fact]
    public async Task A_misuse_in_the_consumer_is_a_Brama_error_from_the_packaged_analyzer()
    {
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;

            Console.WriteLine(new Client().Double(21));

            public partial class Client
            {
                [CircuitBreaker("consumer_api")]
                public partial int Double(int value);
            }
            """);

        var (exitCode, output) = await consumer.BuildAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error BRAMA003", output);
        Assert.DoesNotContain("CS8795", output);
    }

    [Fact]
    public async Task Declaration_errors_come_with_their_Brama_rule_in_a_command_line_build()
    {
        // Each of these stops the command-line compiler before any analyzer runs; the generator's rule still shows.
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;

            Console.WriteLine("unreachable");

            public class NotPartial { [CircuitBreaker("a")] public partial int Get(); private int GetCore() => 1; }
            public partial class Bodiless { [CircuitBreaker("b")] public int Get(); private int GetCore() => 1; }
            public partial class WithBody { [CircuitBreaker("c")] public partial int Get() => 2; private int GetCore() => 1; }
            public partial class AsyncDefinition { [CircuitBreaker("d")] public async partial Task<int> GetAsync(); private Task<int> GetAsyncCore() => Task.FromResult(1); }
            public partial class NoAccessibility { [CircuitBreaker("e")] partial int Get(); private int GetCore() => 1; }
            file partial class FileLocal { [CircuitBreaker("f")] public partial int Get(); private int GetCore() => 1; }
            public interface IApi { int Get(); }
            public static partial class ApiExtensions
            {
                extension(IApi api)
                {
                    [CircuitBreaker("g")]
                    public partial int GetSafe();
                }

                private static int GetSafeCore(this IApi api) => api.Get();
            }
            """);

        var (exitCode, output) = await consumer.BuildAsync(TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        var errors = ErrorLines(output);
        foreach (var (rule, compilerError, line) in new[]
        {
            ("BRAMA002", "CS0260", 5), ("BRAMA001", "CS0501", 6), ("BRAMA001", "CS0759", 7), ("BRAMA001", "CS1994", 8),
            ("BRAMA001", "CS8796", 9), ("BRAMA013", "CS8795", 10), ("BRAMA013", "CS0751", 17),
        })
        {
            Assert.Contains(errors, e => e.Contains($"Program.cs({line},", StringComparison.Ordinal) && e.Contains("error " + rule + ":", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains($"Program.cs({line},", StringComparison.Ordinal) && e.Contains("error " + compilerError + ":", StringComparison.Ordinal));
        }

        Assert.Contains(errors, static e => e.Contains("'public static partial int GetSafe(this IApi api)'", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, static e => e.Contains(".g.cs", StringComparison.Ordinal));
        Assert.Equal(1, errors.Count(static e => e.Contains("error BRAMA002", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_primary_constructor_registry_builds_and_warns_with_BRAMA012()
    {
        // Before: the compiler's capture field <registry>P was taken for the registry member and the generated code
        // failed to compile (CS1001, CS0103 in generated code).
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;

            var registry = new ConnectionRegistry();
            var inventory = new Inventory(registry);
            Console.WriteLine($"count={inventory.Count("sku")} default={ConnectionRegistry.Default.TryGet("inventory_api", null, out _)}");

            public partial class Inventory(ConnectionRegistry registry)
            {
                public bool Uses(ConnectionRegistry other) => other == registry;

                [CircuitBreaker("inventory_api")]
                public partial int Count(string sku);

                private int CountCore(string sku) => sku.Length;
            }
            """);

        var (buildCode, buildOutput) = await consumer.BuildAsync(TestContext.Current.CancellationToken);
        Assert.True(buildCode == 0, buildOutput);
        Assert.Contains("warning BRAMA012", buildOutput);
        Assert.DoesNotContain(" error ", buildOutput);

        var (runCode, runOutput) = await consumer.RunAsync(TestContext.Current.CancellationToken);
        Assert.True(runCode == 0, runOutput);
        Assert.Contains("count=3 default=True", runOutput);
    }

    private static List<string> ErrorLines(string output) =>
        [.. output.Split('\n').Where(static l => l.Contains(" error ", StringComparison.Ordinal)).Select(static l => l.Trim()).Distinct()];
}
