using System.Text.RegularExpressions;
using Brama.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Brama.Analyzers.Tests;

/// <summary>The descriptors, the release-tracking file and the docs pages agree.</summary>
public partial class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors =
    [
        .. new CircuitBreakerAnalyzer().SupportedDiagnostics,
        .. new DirectImplementationCallAnalyzer().SupportedDiagnostics,
    ];

    [Fact]
    public void Fourteen_rules_with_the_designed_severities()
    {
        var severities = Descriptors.OrderBy(static d => d.Id).Select(static d => $"{d.Id} {d.DefaultSeverity}");

        Assert.Equal(
            Enumerable.Range(1, 14).Select(static i => $"BRAMA{i:000} " + (i is 7 or 10 or 12 ? "Warning" : "Error")),
            severities);
        Assert.All(Descriptors, static d =>
        {
            Assert.Equal("Brama", d.Category);
            Assert.True(d.IsEnabledByDefault);
            Assert.Equal($"https://github.com/brama-dotnet/brama/blob/main/docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
        });
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, Descriptors.Single(static d => d.Id == "BRAMA007").CustomTags);
    }

    [Fact]
    public void Every_rule_has_a_docs_page_with_cause_wrong_right_and_suppress_and_an_index_entry()
    {
        var docs = RepositoryFiles.Path("docs", "diagnostics");
        var index = File.ReadAllText(Path.Combine(docs, "README.md"));
        foreach (var descriptor in Descriptors)
        {
            var page = File.ReadAllText(Path.Combine(docs, descriptor.Id + ".md"));
            Assert.StartsWith($"# {descriptor.Id}: ", page, StringComparison.Ordinal);
            Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", page);
            foreach (var section in new[] { "## Cause", "## Wrong", "## Right", "## Suppress" })
            {
                Assert.Contains(section, page);
            }

            Assert.Contains(descriptor.Id, page[page.IndexOf("## Suppress", StringComparison.Ordinal)..]);
            Assert.Contains($"| [{descriptor.Id}]({descriptor.Id}.md) | {descriptor.DefaultSeverity} |", index);
        }
    }

    [Fact]
    public void Every_rule_is_in_the_unshipped_release_with_its_severity()
    {
        var release = File.ReadAllText(RepositoryFiles.Path("src", "Brama.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var rows = ReleaseRow().Matches(release).Select(static m => $"{m.Groups[1].Value} {m.Groups[2].Value}");

        Assert.Equal(Descriptors.OrderBy(static d => d.Id).Select(static d => $"{d.Id} {d.DefaultSeverity}"), rows);
    }

    [Fact]
    public void Help_links_point_into_the_packages_repository_at_pages_that_exist()
    {
        var props = File.ReadAllText(RepositoryFiles.Path("Directory.Build.props"));
        var repository = Regex.Match(props, "<RepositoryUrl>(.*?)</RepositoryUrl>").Groups[1].Value;

        Assert.Equal(Brama.SourceGeneration.Checks.DiagnosticDescriptors.RepositoryUrl, repository);
        Assert.All(Descriptors, d =>
        {
            Assert.StartsWith(repository + "/blob/main/", d.HelpLinkUri, StringComparison.Ordinal);
            var path = d.HelpLinkUri[(repository + "/blob/main/").Length..].Split('/');
            Assert.True(File.Exists(RepositoryFiles.Path(path)), d.HelpLinkUri);
        });
    }

    [GeneratedRegex(@"^(BRAMA\d{3}) \| Brama \| (\w+) \|", RegexOptions.Multiline)]
    private static partial Regex ReleaseRow();
}
