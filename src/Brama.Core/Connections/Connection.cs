namespace Brama;

/// <summary>
/// A handle on one registered connection: what the generated code holds. Obtain it from
/// <see cref="ConnectionRegistry.Register"/>, <see cref="ConnectionRegistry.GetOrRegister"/> or
/// <see cref="ConnectionRegistry.TryGet(string, string?, out Connection)"/>. Thread-safe.
/// </summary>
public sealed partial class Connection
{
    internal Connection(ConnectionRegistry registry, string identifier, string? scope, ConnectionOptions options) =>
        throw new NotImplementedException();

    /// <summary>The connection identifier.</summary>
    public string Identifier => throw new NotImplementedException();

    /// <summary>The connection scope, or <see langword="null"/>.</summary>
    public string? Scope => throw new NotImplementedException();

    /// <summary>The registry the connection belongs to.</summary>
    public ConnectionRegistry Registry => throw new NotImplementedException();

    /// <summary>The current options (replaced in place by <see cref="ConnectionRegistry.Configure(string, string?, ConnectionOptions)"/>).</summary>
    public ConnectionOptions Options => throw new NotImplementedException();

    /// <summary>
    /// Whether the connection is still in its registry. A handle whose connection was unregistered or cleaned up
    /// keeps answering but no longer protects anything shared; the generated code re-resolves it.
    /// </summary>
    public bool IsRegistered => throw new NotImplementedException();

    /// <summary>The circuit state, after any due expiry was applied.</summary>
    public CircuitState State => throw new NotImplementedException();

    /// <summary>Whether a call would be admitted now (closed, or half-open with a free probe slot, or open and expired).</summary>
    public bool IsAvailable => throw new NotImplementedException();

    /// <summary>
    /// Asks for the right to make one call. Returns false when the circuit rejects it (open, or half-open with every
    /// probe slot taken). A granted permit must be completed exactly once.
    /// </summary>
    public bool TryAcquire(out CallPermit permit) => throw new NotImplementedException();

    /// <summary>Reports a success outside a permit. Returns false when the connection is no longer registered.</summary>
    public bool ReportSuccess() => throw new NotImplementedException();

    /// <summary>Reports a failure outside a permit. Returns false when the connection is no longer registered.</summary>
    public bool ReportFailure(string? reason = null) => throw new NotImplementedException();

    /// <summary>A snapshot of the connection.</summary>
    public ConnectionStatus GetStatus() => throw new NotImplementedException();

    internal void CompletePermit(long ticket, bool isProbe, Outcome outcome) => throw new NotImplementedException();
}
