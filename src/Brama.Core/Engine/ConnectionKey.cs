namespace Brama;

/// <summary>
/// The registry key of a connection: the (identifier, scope) pair compared ordinally as two fields, never as a joined
/// string, so that <c>"a:b"</c> unscoped and <c>"b"</c> in scope <c>"a"</c> are different connections.
/// </summary>
internal readonly struct ConnectionKey : IEquatable<ConnectionKey>
{
    internal ConnectionKey(string identifier, string? scope)
    {
        Identifier = identifier;
        Scope = scope;
    }

    public string Identifier { get; }

    public string? Scope { get; }

    /// <summary>Validates both parts and builds the key; the exceptions name <c>identifier</c> or <c>scope</c>.</summary>
    public static ConnectionKey Create(string identifier, string? scope)
    {
        ValidateName(identifier, "identifier");
        if (scope is not null)
        {
            ValidateName(scope, "scope");
        }

        return new ConnectionKey(identifier, scope);
    }

    public bool Equals(ConnectionKey other) =>
        string.Equals(Identifier, other.Identifier, StringComparison.Ordinal) &&
        string.Equals(Scope, other.Scope, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ConnectionKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(Identifier.GetHashCode(StringComparison.Ordinal), Scope?.GetHashCode(StringComparison.Ordinal) ?? -1);

    public override string ToString() => ConnectionRegistry.Describe(Identifier, Scope);

    private static void ValidateName(string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("Must not be empty or consist only of white-space characters.", paramName);
        }

        if (value.Length > ConnectionRegistry.MaxNameLength)
        {
            throw new ArgumentException(
                $"Must be at most {ConnectionRegistry.MaxNameLength} characters long (was {value.Length}).", paramName);
        }
    }
}
