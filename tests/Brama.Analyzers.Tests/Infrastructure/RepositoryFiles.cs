namespace Brama.Analyzers.Tests.Infrastructure;

/// <summary>
/// Finds files of the repository from the test's output folder. [CallerFilePath] cannot be used: CI builds map source
/// paths (ContinuousIntegrationBuild), so compiled-in paths do not exist on disk.
/// </summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Brama.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Brama.sln above {AppContext.BaseDirectory}.");
    }
}
