using System.IO.Compression;
using System.Xml.Linq;

namespace Brama.PackageTests;

/// <summary>The companion packages: their contents, their dependency on Brama, and a consumer of the test kit and of the DI package.</summary>
public sealed class CompanionPackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    [Theory]
    [InlineData("Brama.Testing", "Brama")]
    [InlineData("Brama.Extensions.DependencyInjection", "Brama")]
    [InlineData("Brama.Polly", "Brama")]
    [InlineData("Brama.Redis", "Brama.Extensions.DependencyInjection")]
    [InlineData("Brama.AspNetCore", "Brama.Extensions.DependencyInjection")]
    public void The_package_carries_its_library_and_depends_on_the_same_Brama_version(string id, string dependsOn)
    {
        using var archive = ZipFile.OpenRead(packages.PathOf(id));
        var entries = archive.Entries.Select(static e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains($"lib/net8.0/{id}.dll", entries);
        Assert.Contains($"lib/net8.0/{id}.xml", entries);
        Assert.DoesNotContain(entries, static e => e.StartsWith("analyzers/", StringComparison.Ordinal));
        var brama = Dependencies(archive).Single(d => d.Id == dependsOn);
        Assert.Equal(packages.Version, brama.Version);
        Assert.True(File.Exists(packages.PathOf(id, "snupkg")), $"{id} has no symbol package");
    }

    [Theory]
    [InlineData("Brama")]
    [InlineData("Brama.Testing")]
    [InlineData("Brama.Extensions.DependencyInjection")]
    [InlineData("Brama.Polly")]
    [InlineData("Brama.Redis")]
    [InlineData("Brama.AspNetCore")]
    public void Every_package_has_the_readme_and_the_project_and_repository_urls(string id)
    {
        using var archive = ZipFile.OpenRead(packages.PathOf(id));
        var nuspec = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Descendants().Single(static e => e.Name.LocalName == "metadata");

        Assert.Contains(archive.Entries, static e => e.FullName == "README.md");
        Assert.Equal("https://github.com/brama-dotnet/brama", metadata.Elements().Single(static e => e.Name.LocalName == "projectUrl").Value);
        Assert.Equal("https://github.com/brama-dotnet/brama", (string?)metadata.Elements().Single(static e => e.Name.LocalName == "repository").Attribute("url"));
    }

    [Fact]
    public async Task One_pack_command_at_the_root_writes_every_package_to_artifacts_packages()
    {
        foreach (var (_, project) in PackedPackages.Packages)
        {
            var (exitCode, output) = await ProcessRunner.DotnetAsync(
                RepositoryPaths.Root, TestContext.Current.CancellationToken, "msbuild", project, "-getProperty:PackageOutputPath", "-getProperty:PackageVersion", "-p:Configuration=Release");

            Assert.True(exitCode == 0, output);
            Assert.Contains("\"PackageOutputPath\": \"" + Path.Combine(RepositoryPaths.Root, "artifacts", "packages"), output, StringComparison.Ordinal);
            Assert.Contains("\"PackageVersion\": \"0.1.0-preview.1\"", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_DI_package_passes_the_generator_and_analyzers_on_to_its_consumers()
    {
        using var archive = ZipFile.OpenRead(packages.PathOf("Brama.Extensions.DependencyInjection"));

        var brama = Dependencies(archive).Single(static d => d.Id == "Brama");
        Assert.DoesNotContain("Analyzers", brama.Exclude ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_of_the_test_kit_drives_a_circuit_on_fake_time()
    {
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;
            using Brama.Testing;

            using var harness = new BramaTestHarness();
            harness.Register("consumer_api", options: new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30) });
            harness.Registry.Trip("consumer_api");
            harness.Registry.ShouldBeOpen("consumer_api");
            harness.Advance(TimeSpan.FromSeconds(30));
            harness.Registry.ShouldBeHalfOpen("consumer_api");
            harness.Registry.SimulateRecovery("consumer_api");
            Console.WriteLine($"state={harness.Registry.ShouldBeClosed("consumer_api").State}");
            """,
            package: "Brama.Testing");

        var (exitCode, output) = await consumer.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output);
        Assert.Contains("state=Closed", output);
    }

    [Fact]
    public async Task A_consumer_of_only_the_DI_package_gets_generated_code_using_the_container_registry()
    {
        using var consumer = ConsumerProject.Create(packages, """
            using Brama;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddBrama();
            services.AddSingleton<Client>();
            using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<Client>();
            var registry = provider.GetRequiredService<ConnectionRegistry>();
            Console.WriteLine($"result={client.Double(21)}");
            Console.WriteLine($"registered={registry.TryGetStatus("di_api", null, out _)}");
            Console.WriteLine($"default={ConnectionRegistry.Default.TryGetStatus("di_api", null, out _)}");

            public partial class Client(ConnectionRegistry registry)
            {
                private readonly ConnectionRegistry _registry = registry;

                [CircuitBreaker("di_api")]
                public partial int Double(int value);

                private int DoubleCore(int value) => value * 2;
            }
            """,
            package: "Brama.Extensions.DependencyInjection");

        var (exitCode, output) = await consumer.RunAsync(TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, output);
        Assert.Contains("result=42", output);
        Assert.Contains("registered=True", output);
        Assert.Contains("default=False", output);
    }

    private static IEnumerable<(string Id, string Version, string? Exclude)> Dependencies(ZipArchive archive)
    {
        var nuspec = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Descendants()
            .Where(static e => e.Name.LocalName == "dependency")
            .Select(static e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!, (string?)e.Attribute("exclude")))
            .ToList();
    }
}
