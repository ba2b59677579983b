namespace Brama.Redis;

/// <summary>What an instance knows of its fleet: whether Redis answers, and what travelled.</summary>
public sealed record RedisFleetStatus
{
    /// <summary>The fleet's name.</summary>
    public required string FleetName { get; init; }

    /// <summary>This instance's name in the fleet.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Whether Redis answers now. While it does not, the instance breaks locally and sends nothing.</summary>
    public bool IsConnected { get; init; }

    /// <summary>How many times the connection to Redis was lost.</summary>
    public long Outages { get; init; }

    /// <summary>How many re-syncs ran (at joining and after each outage).</summary>
    public long Resyncs { get; init; }

    /// <summary>When the last re-sync completed, or null.</summary>
    public DateTimeOffset? LastResyncAt { get; init; }

    /// <summary>Messages sent to the fleet.</summary>
    public long MessagesSent { get; init; }

    /// <summary>Messages from other instances applied or counted toward a quorum.</summary>
    public long MessagesReceived { get; init; }

    /// <summary>Messages refused: too large, malformed, another schema version, invalid values.</summary>
    public long MessagesIgnored { get; init; }

    /// <summary>Transitions that could not be sent because Redis did not answer; the re-sync sends the openings that still run.</summary>
    public long SendFailures { get; init; }

    /// <summary>Why the last refused message was refused, or null.</summary>
    public string? LastIgnoredReason { get; init; }
}
