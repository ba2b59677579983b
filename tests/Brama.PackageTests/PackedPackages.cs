using System.Globalization;

namespace Brama.PackageTests;

/// <summary>Packs the three Brama packages once, with a version no earlier run used, into a temporary folder feed.</summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Feed { get; } = Directory.CreateTempSubdirectory("brama-feed-").FullName;

    // Unique per fixture: two test classes create theirs in parallel, often within the same millisecond, and each
    // deletes its version from the global packages folder when it is done.
    public string Version { get; } =
        "0.1.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) +
        ".r" + Guid.NewGuid().ToString("N")[..8];

    public static IReadOnlyList<(string Id, string Project)> Packages { get; } =
    [
        ("Brama", "src/Brama.Core/Brama.Core.csproj"),
        ("Brama.Testing", "src/Brama.Testing/Brama.Testing.csproj"),
        ("Brama.Extensions.DependencyInjection", "src/Brama.Extensions.DependencyInjection/Brama.Extensions.DependencyInjection.csproj"),
        ("Brama.Polly", "src/Brama.Polly/Brama.Polly.csproj"),
        ("Brama.Redis", "src/Brama.Redis/Brama.Redis.csproj"),
        ("Brama.AspNetCore", "src/Brama.AspNetCore/Brama.AspNetCore.csproj"),
    ];

    public string PathOf(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    public async ValueTask InitializeAsync()
    {
        foreach (var (_, project) in Packages)
        {
            var (exitCode, output) = await ProcessRunner.DotnetAsync(
                RepositoryPaths.Root,
                CancellationToken.None,
                "pack", project, "-c", RepositoryPaths.Configuration, "--no-build",
                "-o", Feed, "-p:PackageVersion=" + Version);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed:\n" + output);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        // The consumer restores into the global packages folder; a test version must not linger there.
        var packagesFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var (id, _) in Packages)
        {
            TryDelete(Path.Combine(packagesFolder, id.ToLowerInvariant(), Version));
        }

        TryDelete(Feed);
        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
