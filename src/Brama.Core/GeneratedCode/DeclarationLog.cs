using Microsoft.Extensions.Logging;

namespace Brama;

/// <summary>Tells the user once when a connection registered beforehand overrides a decorator's declared options.</summary>
internal static partial class DeclarationLog
{
    public static void OptionsOverridden(ILogger? logger, string connection, string method, string overridden)
    {
        if (logger is null)
        {
            return;
        }

        try
        {
            DeclaredOptionsOverridden(logger, connection, method, overridden);
        }
        catch (Exception)
        {
            // A broken logger must not fail the decorated call; the connection's status keeps the same line.
        }
    }

    [LoggerMessage(
        EventId = 3,
        EventName = "DeclaredOptionsOverridden",
        Level = LogLevel.Warning,
        Message = "Connection {Connection} was registered, in code or configuration, before [CircuitBreaker] on {Method} used it, and its options apply: the attribute declares {Overridden}.")]
    private static partial void DeclaredOptionsOverridden(ILogger logger, string connection, string method, string overridden);
}
