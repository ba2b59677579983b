namespace Brama;

/// <summary>The state of a connection's circuit.</summary>
public enum CircuitState
{
    /// <summary>Calls flow; consecutive failures are counted.</summary>
    Closed = 0,

    /// <summary>Calls are rejected until the expiry is reached.</summary>
    Open = 1,

    /// <summary>A limited number of probe calls test whether the dependency has recovered.</summary>
    HalfOpen = 2,
}
