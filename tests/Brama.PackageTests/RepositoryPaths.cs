namespace Brama.PackageTests;

internal static class RepositoryPaths
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Brama.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Brama.sln not found above " + AppContext.BaseDirectory);
    }
}
