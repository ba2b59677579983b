using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Sweeping;

/// <summary>The sweep timer's lifetime: disposal, a collected target, overlapping ticks and the execution context.</summary>
public sealed class SweepTimerLifetimeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly TimerCountingClock _time = new();

    [Fact]
    public void Disposal_stops_the_sweeps_and_is_idempotent()
    {
        var target = new CountingTarget();
        var timer = new SweepTimer(_time, target, Interval);
        _time.Advance(Interval);
        Assert.Equal(1, target.Sweeps);

        timer.Dispose();
        timer.Dispose();
        timer.ChangeInterval(TimeSpan.FromSeconds(1));
        _time.Advance(Interval * 3);

        Assert.Equal(1, target.Sweeps);
        Assert.Equal(TimeSpan.FromSeconds(1), timer.Interval);
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void A_live_timer_keeps_sweeping()
    {
        var target = new CountingTarget();
        using var timer = new SweepTimer(_time, target, Interval);

        _time.Advance(Interval * 3);

        Assert.Equal(3, target.Sweeps);
        Assert.Equal(1, _time.ActiveTimers);
    }

    [Fact]
    public void A_tick_after_the_target_was_collected_stops_the_timer()
    {
        CreateWithCollectableTarget(_time);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(1, _time.ActiveTimers);

        _time.Advance(Interval);

        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void A_tick_during_a_sweep_is_skipped()
    {
        var target = new CountingTarget();
        using var timer = new SweepTimer(_time, target, Interval);
        target.DuringFirstSweep = () => _time.Advance(Interval);

        _time.Advance(Interval);

        Assert.Equal(1, target.Sweeps);
        _time.Advance(Interval);
        Assert.Equal(2, target.Sweeps);
    }

    [Fact]
    public void Creating_a_timer_while_the_flow_is_suppressed_works_and_leaves_it_suppressed()
    {
        var flow = ExecutionContext.SuppressFlow();
        try
        {
            using var timer = new SweepTimer(_time, new CountingTarget(), Interval);

            Assert.True(ExecutionContext.IsFlowSuppressed());
        }
        finally
        {
            flow.Undo();
        }
    }

    [Fact]
    public void Creating_a_timer_leaves_the_flow_of_the_caller_as_it_was()
    {
        using var timer = new SweepTimer(_time, new CountingTarget(), Interval);

        Assert.False(ExecutionContext.IsFlowSuppressed());
    }

    [Fact]
    public async Task The_sweep_does_not_see_the_async_locals_of_the_creator()
    {
        var ambient = new AsyncLocal<string?> { Value = "creator" };
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new CallbackTarget(() => seen.TrySetResult(ambient.Value));

        // A real timer: FakeTimeProvider calls back on the advancing thread, whose context would hide the difference.
        using var timer = new SweepTimer(TimeProvider.System, target, TimeSpan.FromMilliseconds(1));
        var value = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Null(value);
        Assert.Equal("creator", ambient.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SweepTimer CreateWithCollectableTarget(TimeProvider time) => new(time, new CountingTarget(), Interval);

    private sealed class CountingTarget : ISweepTarget
    {
        public int Sweeps { get; private set; }

        public Action? DuringFirstSweep { get; set; }

        public void Sweep()
        {
            Sweeps++;
            if (Sweeps == 1)
            {
                DuringFirstSweep?.Invoke();
            }
        }
    }

    private sealed class CallbackTarget(Action onSweep) : ISweepTarget
    {
        public void Sweep() => onSweep();
    }

    /// <summary>A fake clock that counts the timers created on it and not yet disposed.</summary>
    private sealed class TimerCountingClock : TimeProvider
    {
        private readonly FakeTimeProvider _fake = new();
        private int _active;

        public int ActiveTimers => Volatile.Read(ref _active);

        public override long TimestampFrequency => _fake.TimestampFrequency;

        public override long GetTimestamp() => _fake.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

        public void Advance(TimeSpan delta) => _fake.Advance(delta);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _active);
            return new CountedTimer(_fake.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class CountedTimer(ITimer inner, TimerCountingClock clock) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Interlocked.Decrement(ref clock._active);
                }

                inner.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
