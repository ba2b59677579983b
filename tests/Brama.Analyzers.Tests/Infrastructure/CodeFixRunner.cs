using System.Collections.Immutable;
using Brama.Testing.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Brama.Analyzers.Tests.Infrastructure;

/// <summary>Applies a code fix through an <see cref="AdhocWorkspace"/>, the way the IDE does, and returns the fixed text.</summary>
internal static class CodeFixRunner
{
    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net80.References.All,
        MetadataReference.CreateFromFile(typeof(CircuitBreakerAttribute).Assembly.Location),
    ];

    /// <summary>The code actions <paramref name="provider"/> offers for the one Brama diagnostic with <paramref name="id"/>.</summary>
    public static async Task<(Document Document, ImmutableArray<CodeAction> Actions)> ActionsAsync(string source, CodeFixProvider provider, string id)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "Brama.TestInput",
            "Brama.TestInput",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: References));
        var document = workspace.AddDocument(project.Id, "Input0.cs", SourceText.From(source));
        var compilation = await document.Project.GetCompilationAsync(TestContext.Current.CancellationToken);
        var diagnostic = Assert.Single(await AnalyzerRunner.BramaDiagnosticsAsync(compilation!), d => d.Id == id);

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        Assert.Contains(id, provider.FixableDiagnosticIds);
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), TestContext.Current.CancellationToken));
        return (document, actions.ToImmutable());
    }

    /// <summary>Applies the single fix offered for the diagnostic <paramref name="id"/> and returns the document's new text.</summary>
    public static async Task<string> ApplyAsync(string source, CodeFixProvider provider, string id, string expectedTitle)
    {
        var (document, actions) = await ActionsAsync(source, provider, id);
        var action = Assert.Single(actions);
        Assert.Equal(expectedTitle, action.Title);

        var operations = await action.GetOperationsAsync(TestContext.Current.CancellationToken);
        var solution = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var text = await solution.GetDocument(document.Id)!.GetTextAsync(TestContext.Current.CancellationToken);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Asserts that <paramref name="source"/>, with the generator's output, compiles without errors and without Brama diagnostics.</summary>
    public static async Task AssertCompilesWithGeneratorAsync(string source)
    {
        var (generated, brama) = await AnalyzerRunner.BuildAsync(TestCompilation.Create(source));

        Assert.Empty(generated.Errors());
        Assert.Empty(brama);
    }
}
