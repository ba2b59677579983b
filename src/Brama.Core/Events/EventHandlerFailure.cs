using Microsoft.Extensions.Logging;

namespace Brama;

/// <summary>Reports a throwing event handler to the "Brama" event source and, when one is configured, the logger.</summary>
internal static partial class EventHandlerFailure
{
    public static void Report(ILogger? logger, Exception exception, BramaEvent first, int batchSize)
    {
        var source = BramaEventSource.Log;
        if (source.IsEnabled())
        {
            source.HandlerFailed(first.Type.ToString(), ConnectionRegistry.Describe(first.Connection, first.Scope), exception.ToString());
        }

        if (logger is null)
        {
            return;
        }

        try
        {
            if (batchSize == 1)
            {
                HandlerFailed(logger, exception, first.Type, first.Connection, first.Scope);
            }
            else
            {
                BatchHandlerFailed(logger, exception, batchSize, first.Type, first.Connection, first.Scope);
            }
        }
        catch (Exception loggerFailure)
        {
            // A broken logger must not end the dispatch loop; the event source still has the handler's exception.
            if (source.IsEnabled())
            {
                source.HandlerFailed(first.Type.ToString(), ConnectionRegistry.Describe(first.Connection, first.Scope), loggerFailure.ToString());
            }
        }
    }

    [LoggerMessage(
        EventId = 1,
        EventName = "EventHandlerFailed",
        Level = LogLevel.Error,
        Message = "A Brama event handler threw while handling {EventType} of connection '{Connection}' (scope '{Scope}').")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, EventType eventType, string connection, string? scope);

    [LoggerMessage(
        EventId = 2,
        EventName = "EventBatchHandlerFailed",
        Level = LogLevel.Error,
        Message = "A Brama batch event handler threw while handling {BatchSize} events, the first {EventType} of connection '{Connection}' (scope '{Scope}').")]
    private static partial void BatchHandlerFailed(ILogger logger, Exception exception, int batchSize, EventType eventType, string connection, string? scope);
}
