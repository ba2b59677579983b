namespace Brama;

/// <summary>
/// The part of a filter the index checks per connection rather than by key: a scope prefix and metadata entries.
/// Evaluated once per connection and index (and again when the connection's metadata changes), never per event.
/// </summary>
internal sealed class SourceCondition
{
    private readonly string? _scopePrefix;
    private readonly KeyValuePair<string, string>[] _metadata;

    private SourceCondition(string? scopePrefix, KeyValuePair<string, string>[] metadata)
    {
        _scopePrefix = scopePrefix;
        _metadata = metadata;
    }

    /// <summary>The condition of a filter, or null when it has neither a prefix nor metadata; throws naming <paramref name="paramName"/>.</summary>
    public static SourceCondition? Create(string? scopePrefix, IReadOnlyDictionary<string, string>? metadata, string paramName)
    {
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (string.IsNullOrEmpty(key) || value is null)
                {
                    throw new ArgumentException("EventFilter.Metadata must not hold an empty key or a null value.", paramName);
                }
            }
        }

        return scopePrefix is null && metadata is not { Count: > 0 } ? null : new SourceCondition(scopePrefix, metadata is null ? [] : [.. metadata]);
    }

    public bool Matches(string? scope, IReadOnlyDictionary<string, string> metadata)
    {
        if (_scopePrefix is not null && (scope is null || !scope.StartsWith(_scopePrefix, StringComparison.Ordinal)))
        {
            return false;
        }

        foreach (var (key, value) in _metadata)
        {
            if (!metadata.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two filters' metadata select the same connections (null and empty alike).</summary>
    public static bool SameMetadata(IReadOnlyDictionary<string, string>? left, IReadOnlyDictionary<string, string>? right)
    {
        var leftCount = left?.Count ?? 0;
        if (leftCount != (right?.Count ?? 0))
        {
            return false;
        }

        return leftCount == 0 || left!.All(p => right!.TryGetValue(p.Key, out var value) && string.Equals(value, p.Value, StringComparison.Ordinal));
    }
}
