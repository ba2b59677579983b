namespace Brama.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the baselines committed under <c>Golden/&lt;case&gt;/&lt;hint name&gt;.txt</c>. With
/// <c>BRAMA_ACCEPT=1</c> the actual files become the baselines (stale ones are deleted) and the comparison passes.
/// </summary>
internal static class Golden
{
    public const string VersionPlaceholder = "%VERSION%";

    private static readonly string GeneratorVersion = typeof(CircuitBreakerGenerator).Assembly.GetName().Version!.ToString();

    public static void Verify(string caseName, IReadOnlyDictionary<string, string> generated)
    {
        var folder = Path.Combine(ProjectFolder(), "Golden", caseName);
        var actual = generated.ToDictionary(static p => p.Key + ".txt", static p => Normalize(p.Value), StringComparer.Ordinal);

        if (Environment.GetEnvironmentVariable("BRAMA_ACCEPT") == "1")
        {
            Accept(folder, actual);
            return;
        }

        Assert.True(Directory.Exists(folder), $"No baselines for '{caseName}' in {folder}; run the tests with BRAMA_ACCEPT=1 to create them.");
        var expectedFiles = Directory.GetFiles(folder).Select(static f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, actual.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var (name, text) in actual)
        {
            var expected = Normalize(File.ReadAllText(Path.Combine(folder, name)));
            if (expected != text)
            {
                Assert.Fail($"{caseName}/{name} differs from its baseline (BRAMA_ACCEPT=1 re-accepts): {FirstDifference(expected, text)}");
            }
        }
    }

    // The baselines sit next to the sources. The output folder lies inside the project folder; [CallerFilePath]
    // would not do, as deterministic CI builds map source paths to '/_/'.
    private static string ProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Brama.Generators.Tests.csproj")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The Brama.Generators.Tests project folder was not found above " + AppContext.BaseDirectory);
    }

    private static void Accept(string folder, Dictionary<string, string> actual)
    {
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder).Where(f => !actual.ContainsKey(Path.GetFileName(f))))
        {
            File.Delete(stale);
        }

        foreach (var (name, text) in actual)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(GeneratorVersion, VersionPlaceholder, StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}: expected `{e.Trim()}`, actual `{a.Trim()}`";
            }
        }

        return "no line differs";
    }
}
