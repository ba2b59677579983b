using Microsoft.Extensions.Configuration;

namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// What <c>AddBrama</c> builds the application's <see cref="ConnectionRegistry"/> from. Values given in code come first;
/// the configuration section, read once when the registry is created, overrides them.
/// </summary>
public sealed class BramaSetup
{
    /// <summary>The configuration section read when no <see cref="Configuration"/> is given: <c>Brama</c>.</summary>
    public const string DefaultSectionName = "Brama";

    private readonly List<ConnectionDefinition> _connections = [];
    private BramaOptions _options = BramaOptions.Default;

    /// <summary>Registry options before the configuration is applied. A null <c>Logger</c> is filled from <c>ILoggerFactory</c>.</summary>
    public BramaOptions Options
    {
        get => _options;
        set => _options = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The section to read (its children are <c>CleanupInterval</c>, <c>Defaults</c>, <c>Connections</c> …). When null,
    /// the <c>Brama</c> section of the application's <see cref="IConfiguration"/> is read, if the container has one.
    /// </summary>
    public IConfiguration? Configuration { get; set; }

    /// <summary>Whether configuration is read at all (default true).</summary>
    public bool ReadConfiguration { get; set; } = true;

    /// <summary>Whether transitions are written to <c>ILogger</c> (category <c>Brama.Transitions</c>; default true).</summary>
    public bool LogTransitions { get; set; } = true;

    /// <summary>The connections registered in code, in order.</summary>
    public IReadOnlyList<ConnectionDefinition> Connections => _connections;

    /// <summary>
    /// Registers a connection when the registry is created. The configuration's entry for the same connection, if
    /// any, overrides <paramref name="options"/>.
    /// </summary>
    /// <returns>This instance.</returns>
    public BramaSetup AddConnection(string identifier, string? scope = null, ConnectionOptions? options = null)
    {
        ConnectionNames.Validate(identifier, scope);
        options?.Validate(nameof(options));
        if (_connections.Exists(c => c.Identifier == identifier && c.Scope == scope))
        {
            throw new ArgumentException(
                $"Connection {ConnectionRegistry.Describe(identifier, scope)} is already added.", nameof(identifier));
        }

        _connections.Add(new ConnectionDefinition(identifier, scope, options));
        return this;
    }
}

/// <summary>A connection registered by <c>AddBrama</c>: its key and its options (null: the registry's defaults).</summary>
/// <param name="Identifier">The connection's identifier.</param>
/// <param name="Scope">The connection's scope, or null.</param>
/// <param name="Options">The connection's options, or null for the registry's defaults.</param>
public sealed record ConnectionDefinition(string Identifier, string? Scope, ConnectionOptions? Options);
