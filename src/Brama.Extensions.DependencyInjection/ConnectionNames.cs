namespace Brama.Extensions.DependencyInjection;

/// <summary>The registry's naming rules, checked where this package takes names so that errors surface at set-up.</summary>
internal static class ConnectionNames
{
    public static void Validate(string identifier, string? scope, string identifierParameter = "identifier", string scopeParameter = "scope")
    {
        ArgumentNullException.ThrowIfNull(identifier, identifierParameter);
        Check(identifier, identifierParameter);
        if (scope is not null)
        {
            Check(scope, scopeParameter);
        }
    }

    public static string? Problem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "must not be empty or white space"
        : name.Length > ConnectionRegistry.MaxNameLength ? $"must be at most {ConnectionRegistry.MaxNameLength} characters"
        : null;

    private static void Check(string name, string parameter)
    {
        if (Problem(name) is { } problem)
        {
            throw new ArgumentException($"A connection name {problem}.", parameter);
        }
    }
}
