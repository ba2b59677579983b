namespace Brama;

/// <summary>
/// The right to make one call through a connection, granted by <see cref="Connection.TryAcquire"/>. Complete it exactly
/// once with the call's <see cref="Outcome"/>; completing the same permit variable again is a no-op.
/// </summary>
public struct CallPermit
{
    // Engine-owned: the connection, plus whatever the engine needs to tell a probe from a normal call and a late
    // result from a current one. Kept to a few words so the permit stays cheap to copy.
    private Connection? _connection;
    private readonly long _ticket;
    private readonly bool _isProbe;

    internal CallPermit(Connection connection, long ticket, bool isProbe)
    {
        _connection = connection;
        _ticket = ticket;
        _isProbe = isProbe;
    }

    /// <summary>Whether this permit was granted and not yet completed.</summary>
    public readonly bool IsActive => _connection is not null;

    /// <summary>Whether this permit is a half-open probe.</summary>
    public readonly bool IsProbe => _isProbe;

    /// <summary>Reports the call's outcome to the connection. Only the first call on this permit counts.</summary>
    public void Complete(Outcome outcome)
    {
        var connection = _connection;
        if (connection is null)
        {
            return;
        }

        _connection = null;
        connection.CompletePermit(_ticket, _isProbe, outcome);
    }
}
