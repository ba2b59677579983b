using Microsoft.Extensions.Logging;

namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// Writes every circuit transition of a registry to an <see cref="ILogger"/>: opened at Warning, half-opened, closed and
/// reset at Information. It is an ordinary event subscriber, so logging never runs on the caller's thread.
/// </summary>
internal static partial class TransitionLogger
{
    public const string CategoryName = "Brama.Transitions";

    private static readonly EventFilter Transitions = EventFilter.ForEvents(
        EventType.CircuitOpened, EventType.CircuitHalfOpened, EventType.CircuitClosed, EventType.CircuitReset);

    public static Subscription Attach(ConnectionRegistry registry, ILogger logger) =>
        registry.Events.Subscribe(e => Write(logger, e), Transitions);

    private static void Write(ILogger logger, BramaEvent e)
    {
        var data = e.Data;
        var scope = e.Scope ?? "none";
        var reason = string.IsNullOrEmpty(data.Reason) ? "none" : data.Reason;
        switch (e.Type)
        {
            case EventType.CircuitOpened:
                CircuitOpened(logger, e.Connection, scope, data.PreviousState, data.FailureCount, data.Openings, data.RetryAfter, data.IsManual, reason);
                break;
            case EventType.CircuitHalfOpened:
                CircuitHalfOpened(logger, e.Connection, scope, data.Openings);
                break;
            case EventType.CircuitClosed:
                CircuitClosed(logger, e.Connection, scope, data.PreviousState, data.IsManual, reason);
                break;
            case EventType.CircuitReset:
                CircuitReset(logger, e.Connection, scope, data.PreviousState, reason);
                break;
        }
    }

    [LoggerMessage(EventId = 10, EventName = "CircuitOpened", Level = LogLevel.Warning,
        Message = "Circuit '{Connection}' (scope {Scope}) opened from {PreviousState} after {FailureCount} failures (consecutive opening {Openings}); retry after {RetryAfter}. Manual: {IsManual}. Reason: {Reason}")]
    private static partial void CircuitOpened(
        ILogger logger, string connection, string scope, CircuitState previousState, int failureCount, int openings, TimeSpan? retryAfter, bool isManual, string reason);

    [LoggerMessage(EventId = 11, EventName = "CircuitHalfOpened", Level = LogLevel.Information,
        Message = "Circuit '{Connection}' (scope {Scope}) is half-open after opening {Openings}: probe calls are admitted.")]
    private static partial void CircuitHalfOpened(ILogger logger, string connection, string scope, int openings);

    [LoggerMessage(EventId = 12, EventName = "CircuitClosed", Level = LogLevel.Information,
        Message = "Circuit '{Connection}' (scope {Scope}) closed from {PreviousState}. Manual: {IsManual}. Reason: {Reason}")]
    private static partial void CircuitClosed(ILogger logger, string connection, string scope, CircuitState previousState, bool isManual, string reason);

    [LoggerMessage(EventId = 13, EventName = "CircuitReset", Level = LogLevel.Information,
        Message = "Circuit '{Connection}' (scope {Scope}) was reset from {PreviousState}. Reason: {Reason}")]
    private static partial void CircuitReset(ILogger logger, string connection, string scope, CircuitState previousState, string reason);
}
