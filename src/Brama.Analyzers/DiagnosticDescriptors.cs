using Microsoft.CodeAnalysis;

namespace Brama.Analyzers;

/// <summary>Every diagnostic Brama reports. IDs are stable and never reused.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Brama";

    private const string HelpLinkBase = "https://github.com/brama-dotnet/brama/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MethodMustBePartialDefinition = new(
        id: "BRAMA001",
        title: "A [CircuitBreaker] method must be a partial method without a body",
        messageFormat: "Method '{0}' is marked [CircuitBreaker] but is not a partial definition without a body; declare it as 'partial' with no body and put the real work in '{1}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Brama generates the body of a [CircuitBreaker] method, so the method must be declared 'partial' without a body.",
        helpLinkUri: HelpLinkBase + "BRAMA001.md");
}
