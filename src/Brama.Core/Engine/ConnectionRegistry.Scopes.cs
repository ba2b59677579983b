using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>Scopes chosen by each call: a circuit per argument value, bounded per identifier.</summary>
public sealed partial class ConnectionRegistry
{
    /// <summary>The scope under which an identifier's calls share one circuit once its dynamic scopes are at their limit.</summary>
    public const string OverflowScope = "(overflow)";

    /// <summary>
    /// Returns the connection of (<paramref name="identifier"/>, <paramref name="scope"/>) for a scope that a call
    /// chose (a tenant, a region, a host): the registered one, or a new one counted against
    /// <see cref="BramaOptions.MaxDynamicScopes"/> and removed after <see cref="BramaOptions.DynamicScopeIdleTimeout"/>
    /// without calls. Past the limit it returns the identifier's overflow circuit (scope <see cref="OverflowScope"/>),
    /// which a log warning and the <c>brama.scope.overflows</c> metric report.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope the call chose.</param>
    /// <param name="options">
    /// Options for a new registration, when <see cref="ConfigureDynamicScopes"/> gave none for the identifier; the
    /// registry's <see cref="BramaOptions.Defaults"/> when null.
    /// </param>
    /// <exception cref="ArgumentException">An argument is invalid; nothing was registered.</exception>
    public Connection GetOrRegisterDynamicScope(string identifier, string scope, ConnectionOptions? options = null)
    {
        var key = ConnectionKey.Create(identifier, scope ?? throw new ArgumentNullException(nameof(scope)));
        options?.Validate(nameof(options));
        return DynamicScopes.GetOrRegister(key.Identifier, scope, options);
    }

    /// <summary>
    /// Sets the options every dynamic scope of <paramref name="identifier"/> is registered with from now on (its
    /// <c>InactivityTimeout</c> capped at <see cref="BramaOptions.DynamicScopeIdleTimeout"/>), over the options a
    /// <c>[CircuitBreaker]</c> declaration gives; <see langword="null"/> removes them. Connections already registered
    /// keep theirs (use <see cref="Configure(string, string?, ConnectionOptions)"/>). Configuration's
    /// <c>Brama:Connections:&lt;identifier&gt;</c> entry sets them.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="options">The options, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public void ConfigureDynamicScopes(string identifier, ConnectionOptions? options)
    {
        var key = ConnectionKey.Create(identifier, null);
        options?.Validate(nameof(options));
        DynamicScopes.Configure(key.Identifier, options);
    }

    /// <summary>How many dynamic scopes <paramref name="identifier"/> has now (the overflow circuit not counted).</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <exception cref="ArgumentException">The identifier is invalid.</exception>
    public int CountDynamicScopes(string identifier) => DynamicScopes.CountOf(ConnectionKey.Create(identifier, null).Identifier);

    internal DynamicScopes DynamicScopes { get; }

    internal bool TryGetEntry(ConnectionKey key, [NotNullWhen(true)] out Connection? connection) =>
        _connections.TryGetValue(key, out connection);

    /// <summary>Registers a dynamic scope (counted by <see cref="DynamicScopes"/>); false and the existing one when registered meanwhile.</summary>
    internal bool TryAddDynamic(ConnectionKey key, ConnectionOptions options, out Connection connection) =>
        TryAdd(key, options, out connection, dynamicScope: true);
}
