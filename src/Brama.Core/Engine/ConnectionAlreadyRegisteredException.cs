namespace Brama;

/// <summary>Thrown by <see cref="ConnectionRegistry.Register"/> when the (identifier, scope) pair is already registered.</summary>
public sealed class ConnectionAlreadyRegisteredException : InvalidOperationException
{
    /// <summary>Creates the exception for the given connection.</summary>
    public ConnectionAlreadyRegisteredException(string identifier, string? scope)
        : base($"Connection {ConnectionRegistry.Describe(identifier, scope)} is already registered.")
    {
        Identifier = identifier;
        Scope = scope;
    }

    /// <summary>The connection identifier.</summary>
    public string Identifier { get; }

    /// <summary>The connection scope, or <see langword="null"/>.</summary>
    public string? Scope { get; }
}
