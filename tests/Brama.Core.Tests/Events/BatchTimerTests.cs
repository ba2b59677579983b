using Microsoft.Extensions.Time.Testing;
using static Brama.Core.Tests.Events.PublisherHarness;

namespace Brama.Core.Tests.Events;

/// <summary>The batch timer is armed only with periods a real .NET timer accepts, however long the batch delay.</summary>
public sealed class BatchTimerTests
{
    [Fact]
    public async Task A_batch_delay_longer_than_a_timer_takes_arms_the_timer_with_the_longest_period_it_takes()
    {
        var clock = new TimerCheckingClock(new FakeTimeProvider(Start));
        using var connections = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, new FakeTimeProvider(Start));
        using var publisher = new EventPublisher(clock, new FakeEventHost(), static _ => { });
        var a = connections.Register("a", null, WithMetadata);
        var delivered = new TaskCompletionSource<IReadOnlyList<BramaEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = publisher.Bus.SubscribeBatched(batch => delivered.TrySetResult(batch), maxBatch: 2, maxDelay: TimeSpan.FromDays(300));

        publisher.Publish(a, EngineSignal.Succeeded, Closed(1));
        var armed = await clock.FirstArmed.WaitSignalAsync();
        publisher.Publish(a, EngineSignal.Succeeded, Closed(2));

        Assert.Equal(BramaOptions.MaxCleanupInterval, armed);
        var batch = await delivered.Task.WaitSignalAsync();
        Assert.Equal([1, 2], batch.Select(static e => e.Data.FailureCount));
        Assert.Equal(0, subscription.ExceptionCount);
    }

    /// <summary>A fake clock whose timers refuse periods a real timer refuses, and that reports the first one armed.</summary>
    private sealed class TimerCheckingClock(FakeTimeProvider fake) : TimeProvider
    {
        private readonly TaskCompletionSource<TimeSpan> _firstArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<TimeSpan> FirstArmed => _firstArmed.Task;

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override long GetTimestamp() => fake.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new CheckingTimer(fake.CreateTimer(callback, state, dueTime, period), this);

        private sealed class CheckingTimer(ITimer inner, TimerCheckingClock clock) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    clock._firstArmed.TrySetResult(dueTime);
                    ArgumentOutOfRangeException.ThrowIfGreaterThan(dueTime, BramaOptions.MaxCleanupInterval);
                }

                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
