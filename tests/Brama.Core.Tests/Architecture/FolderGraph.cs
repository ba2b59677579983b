namespace Brama.Core.Tests.Architecture;

/// <summary>
/// Brama.Core's folders and the folders each may name, the one statement of its layering: the architecture test holds
/// the sources to it and docs/architecture.dot draws it (a test keeps the drawing's arrows equal to it).
/// </summary>
internal static class FolderGraph
{
    public static readonly IReadOnlyDictionary<string, string[]> MayName = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Outcomes"] = [],
        ["Options"] = [],
        ["Engine"] = ["Options", "Outcomes"],
        ["Telemetry"] = ["Engine", "Options"],
        ["Events"] = ["Engine", "Telemetry", "Options", "Outcomes"],
        ["Publishing"] = ["Engine", "Events", "Telemetry", "Options", "Outcomes"],
        ["Decorator"] = ["Engine", "Options", "Outcomes"],
        ["GeneratedCode"] = ["Decorator", "Engine", "Options", "Outcomes"],
    };
}
