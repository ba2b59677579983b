using Microsoft.Extensions.Logging;

namespace Brama;

/// <summary>Tells the user that an identifier's dynamic scopes reached their limit (rate-limited by the caller).</summary>
internal static partial class ScopeLog
{
    public static void LimitReached(ILogger? logger, string connection, int limit, string overflowScope)
    {
        if (logger is null)
        {
            return;
        }

        try
        {
            DynamicScopesFull(logger, connection, limit, overflowScope);
        }
        catch (Exception)
        {
            // A broken logger must not fail the call; the overflow metric counts the same.
        }
    }

    [LoggerMessage(
        EventId = 4,
        EventName = "DynamicScopesFull",
        Level = LogLevel.Warning,
        Message = "Connection {Connection} has {Limit} scopes chosen by calls, its limit (BramaOptions.MaxDynamicScopes): calls for new values share the scope '{OverflowScope}' until idle scopes are removed.")]
    private static partial void DynamicScopesFull(ILogger logger, string connection, int limit, string overflowScope);
}
