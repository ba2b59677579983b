using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>Lookups and registration: connections by (identifier, scope), added and removed.</summary>
public sealed partial class ConnectionRegistry
{
    /// <summary>Registers a connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Its options; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <exception cref="ConnectionAlreadyRegisteredException">The (identifier, scope) pair is already registered.</exception>
    /// <exception cref="ArgumentException">An argument is invalid; nothing was registered.</exception>
    public Connection Register(string identifier, string? scope = null, ConnectionOptions? options = null) =>
        TryRegister(identifier, scope, options, out var connection)
            ? connection
            : throw new ConnectionAlreadyRegisteredException(identifier, scope);

    /// <summary>Registers a connection unless it exists; returns false (and the existing handle) when it does.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Its options; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <param name="connection">The new connection, or the one already registered.</param>
    /// <exception cref="ArgumentException">An argument is invalid; nothing was registered.</exception>
    public bool TryRegister(string identifier, string? scope, ConnectionOptions? options, out Connection connection)
    {
        var key = ConnectionKey.Create(identifier, scope);
        return TryAdd(key, ResolveOptions(options), out connection);
    }

    /// <summary>
    /// Returns the registered connection, registering it with <paramref name="options"/> when absent. The options of an
    /// existing connection are not changed (use <see cref="Configure(string, string?, ConnectionOptions)"/>).
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="options">Options for a new registration; the registry's <see cref="BramaOptions.Defaults"/> when null.</param>
    /// <exception cref="ArgumentException">An argument is invalid (even when the connection exists); nothing changed.</exception>
    public Connection GetOrRegister(string identifier, string? scope = null, ConnectionOptions? options = null)
    {
        var key = ConnectionKey.Create(identifier, scope);
        var resolved = ResolveOptions(options);
        if (!_connections.TryGetValue(key, out var connection))
        {
            TryAdd(key, resolved, out connection);
        }

        return connection;
    }

    /// <summary>Finds a registered connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <param name="connection">The connection, when registered.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool TryGet(string identifier, string? scope, [NotNullWhen(true)] out Connection? connection) =>
        _connections.TryGetValue(ConnectionKey.Create(identifier, scope), out connection);

    /// <summary>Finds a registered unscoped connection.</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="connection">The connection, when registered.</param>
    /// <exception cref="ArgumentException">The identifier is invalid.</exception>
    public bool TryGet(string identifier, [NotNullWhen(true)] out Connection? connection) => TryGet(identifier, null, out connection);

    /// <summary>
    /// Removes a connection; false when it was not registered. Its handles become detached
    /// (<see cref="Connection.IsRegistered"/> false); registering the key again creates a new connection.
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or <see langword="null"/> for an unscoped connection.</param>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public bool Unregister(string identifier, string? scope = null)
    {
        if (!_connections.TryRemove(ConnectionKey.Create(identifier, scope), out var connection))
        {
            return false;
        }

        connection.Detach(EngineSignal.Unregistered);
        return true;
    }

    /// <summary>Removes exactly this connection (not a newer one under the same key); used by the cleanup sweep.</summary>
    internal bool RemoveEntry(Connection connection) =>
        _connections.TryRemove(connection);

    private ConnectionOptions ResolveOptions(ConnectionOptions? options)
    {
        if (options is null)
        {
            return _options.Defaults;
        }

        options.Validate(nameof(options));
        return options;
    }

    private bool TryAdd(ConnectionKey key, ConnectionOptions options, out Connection connection, bool dynamicScope = false)
    {
        Connection? created = null;
        while (true)
        {
            if (_connections.TryGetValue(key, out var existing))
            {
                connection = existing;
                return false;
            }

            created ??= new Connection(this, key.Identifier, key.Scope, options, dynamicScope);
            if (created.TryAddTo(_connections))
            {
                connection = created;
                AdoptPendingFleetOpening(created);
                return true;
            }
        }
    }
}
