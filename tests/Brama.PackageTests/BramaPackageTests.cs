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
}
