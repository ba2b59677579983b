using Microsoft.Extensions.Logging;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>How a throwing handler is reported: the logger (single and batch messages) and the event source, once each.</summary>
public sealed class HandlerFailureReportTests
{
    [Fact]
    public async Task A_throwing_batch_handler_is_logged_with_the_batch_size_and_its_first_event()
    {
        var logger = new ListLogger();
        using var harness = new PublisherHarness(new BramaOptions { Logger = logger });
        var fenced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = harness.Events.SubscribeBatched(
            batch =>
            {
                if (batch[0].Connection == "fence")
                {
                    fenced.TrySetResult();
                    return;
                }

                throw new InvalidOperationException("batch broke");
            },
            maxBatch: 3,
            maxDelay: TimeSpan.FromHours(1));

        harness.Publish("batch-boom", "s", EngineSignal.Failed, Closed(1));
        harness.Publish("batch-other", null, EngineSignal.Succeeded, Closed());
        harness.Publish("batch-other", null, EngineSignal.Succeeded, Closed());
        for (var i = 0; i < 3; i++)
        {
            harness.PublishSuccess("fence");
        }

        await fenced.Task.WaitSignalAsync();

        Assert.Equal(1, subscription.ExceptionCount);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("EventBatchHandlerFailed", entry.EventId.Name);
        Assert.Equal("A Brama batch event handler threw while handling 3 events, the first Failure of connection 'batch-boom' (scope 's').", entry.Message);
        Assert.Equal("batch broke", Assert.IsType<InvalidOperationException>(entry.Exception).Message);
    }

    [Fact]
    public async Task Without_a_logger_the_event_source_gets_the_failure_once()
    {
        using var harness = new PublisherHarness();
        using var listener = new BramaEventListener();
        using var subscription = SubscribeThrowing(harness, "no logger", out var fenced);

        harness.PublishSuccess("unlogged", "s");
        harness.PublishSuccess("fence");
        await fenced.WaitSignalAsync();

        var reported = Assert.Single(listener.HandlerFailures("'unlogged' in scope 's'"));
        Assert.Equal("Success", reported.EventType);
        Assert.Contains("InvalidOperationException: no logger", reported.Exception, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_logger_is_reported_to_the_event_source_after_the_handlers_failure()
    {
        using var harness = new PublisherHarness(new BramaOptions { Logger = new BrokenLogger() });
        using var listener = new BramaEventListener();
        using var subscription = SubscribeThrowing(harness, "handler broke", out var fenced);

        harness.PublishSuccess("badly-logged");
        harness.PublishSuccess("fence");
        await fenced.WaitSignalAsync();

        Assert.Equal(1, subscription.ExceptionCount);
        var reported = listener.HandlerFailures("'badly-logged'");
        Assert.Equal(2, reported.Count);
        Assert.Contains("InvalidOperationException: handler broke", reported[0].Exception, StringComparison.Ordinal);
        Assert.Contains("NotSupportedException: logger broke", reported[1].Exception, StringComparison.Ordinal);
        Assert.All(reported, r => Assert.Equal("Success", r.EventType));
    }

    private sealed class BrokenLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new NotSupportedException("logger broke");
    }

    /// <summary>A handler that throws <paramref name="message"/> for every event but the "fence" connection's, which completes <paramref name="fenced"/>.</summary>
    private static Subscription SubscribeThrowing(PublisherHarness harness, string message, out Task fenced)
    {
        var fence = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fenced = fence.Task;
        return harness.Events.Subscribe(e =>
        {
            if (e.Connection == "fence")
            {
                fence.TrySetResult();
                return;
            }

            throw new InvalidOperationException(message);
        });
    }
}
