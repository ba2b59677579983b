using Microsoft.Extensions.Logging;

namespace Brama.Redis;

/// <summary>What a fleet tells the operator: outages, reconnections, re-syncs and refused messages.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 101, EventName = "FleetOutage", Level = LogLevel.Warning,
        Message = "Fleet {Fleet}: lost Redis ({Failure}); instance {Instance} breaks locally until it returns.")]
    public static partial void Outage(ILogger logger, string fleet, string instance, string failure);

    [LoggerMessage(EventId = 102, EventName = "FleetReconnected", Level = LogLevel.Information,
        Message = "Fleet {Fleet}: Redis is back; instance {Instance} re-syncs.")]
    public static partial void Reconnected(ILogger logger, string fleet, string instance);

    [LoggerMessage(EventId = 103, EventName = "FleetResynced", Level = LogLevel.Information,
        Message = "Fleet {Fleet}: instance {Instance} re-synced: adopted {Adopted} openings, published {Published} of its own.")]
    public static partial void Resynced(ILogger logger, string fleet, string instance, int adopted, int published);

    [LoggerMessage(EventId = 104, EventName = "FleetMessageIgnored", Level = LogLevel.Warning,
        Message = "Fleet {Fleet}: ignored a message ({Reason}).")]
    public static partial void Ignored(ILogger logger, string fleet, string reason);

    [LoggerMessage(EventId = 105, EventName = "FleetResyncFailed", Level = LogLevel.Warning,
        Message = "Fleet {Fleet}: instance {Instance} could not re-sync ({Failure}); it retries when Redis answers again.")]
    public static partial void ResyncFailed(ILogger logger, string fleet, string instance, string failure);
}
