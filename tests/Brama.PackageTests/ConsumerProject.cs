namespace Brama.PackageTests;

/// <summary>A throwaway console project outside the repository that takes Brama only from the packed folder feed.</summary>
internal sealed class ConsumerProject : IDisposable
{
    private ConsumerProject(string directory) => Directory = directory;

    public string Directory { get; }

    public static ConsumerProject Create(PackedPackages packages, string programSource, string package = "Brama")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("brama-consumer-").FullName;
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="Brama" />
                  <package pattern="Brama.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        // Stop MSBuild from walking up into any parent Directory.*.props.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), programSource);
        return new ConsumerProject(directory);
    }

    public Task<(int ExitCode, string Output)> BuildAsync(CancellationToken cancellationToken) =>
        ProcessRunner.DotnetAsync(Directory, cancellationToken, "build", "-c", "Release");

    public Task<(int ExitCode, string Output)> RunAsync(CancellationToken cancellationToken) =>
        ProcessRunner.DotnetAsync(Directory, cancellationToken, "run", "-c", "Release");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
