using System.Diagnostics.CodeAnalysis;

namespace Brama;

/// <summary>
/// Keeps every connection's circuit, keyed by (identifier, scope); runs the status manager's periodic sweep; publishes
/// events. All time comes from the <see cref="System.TimeProvider"/>. Thread-safe. Unknown connections answer false,
/// never throw; invalid arguments throw <see cref="ArgumentException"/> naming the parameter and change nothing.
/// </summary>
public sealed partial class ConnectionRegistry : IDisposable
{
    /// <summary>Creates a registry.</summary>
    /// <param name="options">Registry-wide options; <see cref="BramaOptions.Default"/> when null.</param>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    public ConnectionRegistry(BramaOptions? options = null, TimeProvider? timeProvider = null) => throw new NotImplementedException();

    /// <summary>The process-wide registry used by decorated methods whose type declares none.</summary>
    public static ConnectionRegistry Default => throw new NotImplementedException();

    /// <summary>The registry's clock.</summary>
    public TimeProvider TimeProvider => throw new NotImplementedException();

    /// <summary>The current registry-wide options.</summary>
    public BramaOptions Options => throw new NotImplementedException();

    /// <summary>Snapshots of every registered connection.</summary>
    public IReadOnlyList<ConnectionStatus> Connections => throw new NotImplementedException();

    /// <summary>Registers a connection. Throws <see cref="ConnectionAlreadyRegisteredException"/> when it exists.</summary>
    public Connection Register(string identifier, string? scope = null, ConnectionOptions? options = null) => throw new NotImplementedException();

    /// <summary>Registers a connection unless it exists; returns false (and the existing handle) when it does.</summary>
    public bool TryRegister(string identifier, string? scope, ConnectionOptions? options, out Connection connection) => throw new NotImplementedException();

    /// <summary>Returns the registered connection, registering it with <paramref name="options"/> when absent.</summary>
    public Connection GetOrRegister(string identifier, string? scope = null, ConnectionOptions? options = null) => throw new NotImplementedException();

    /// <summary>Finds a registered connection.</summary>
    public bool TryGet(string identifier, string? scope, [NotNullWhen(true)] out Connection? connection) => throw new NotImplementedException();

    /// <summary>Finds a registered unscoped connection.</summary>
    public bool TryGet(string identifier, [NotNullWhen(true)] out Connection? connection) => TryGet(identifier, null, out connection);

    /// <summary>Removes a connection; false when it was not registered.</summary>
    public bool Unregister(string identifier, string? scope = null) => throw new NotImplementedException();

    /// <summary>Whether the connection would admit a call now; false for unknown connections.</summary>
    public bool IsAvailable(string identifier, string? scope = null) => throw new NotImplementedException();

    /// <summary>A snapshot of the connection; false for unknown connections.</summary>
    public bool TryGetStatus(string identifier, string? scope, [NotNullWhen(true)] out ConnectionStatus? status) => throw new NotImplementedException();

    /// <summary>Reports a success; false for unknown connections.</summary>
    public bool ReportSuccess(string identifier, string? scope = null) => throw new NotImplementedException();

    /// <summary>Reports a failure; false for unknown connections.</summary>
    public bool ReportFailure(string identifier, string? scope = null, string? reason = null) => throw new NotImplementedException();

    /// <summary>Opens the circuit manually for <paramref name="expiry"/>, or per the expiry strategy when null.</summary>
    public bool Open(string identifier, string? scope = null, string? reason = null, TimeSpan? expiry = null) => throw new NotImplementedException();

    /// <summary>Closes the circuit manually: failure count 0, consecutive openings kept.</summary>
    public bool Close(string identifier, string? scope = null, string? reason = null) => throw new NotImplementedException();

    /// <summary>Resets the circuit: closed, failure count 0, consecutive openings 0.</summary>
    public bool Reset(string identifier, string? scope = null, string? reason = null) => throw new NotImplementedException();

    /// <summary>Replaces the registry-wide options; they apply to connections registered from now on.</summary>
    public void Configure(BramaOptions options) => throw new NotImplementedException();

    /// <summary>Replaces one connection's options in place: its state, counts and openings are kept.</summary>
    public bool Configure(string identifier, string? scope, ConnectionOptions options) => throw new NotImplementedException();

    /// <summary>Runs one status-manager sweep now: expiries, stuck probes, idle connections.</summary>
    public void RunCleanup() => throw new NotImplementedException();

    /// <summary>Stops the status manager's timer. Connections keep answering.</summary>
    public void Dispose() => throw new NotImplementedException();
}
