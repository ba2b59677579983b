using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Manager = Brama.StatusManager;

namespace Brama.Core.Tests.StatusManager;

/// <summary>The sweep timer's lifetime: disposal, a collected target, overlapping ticks and the execution context.</summary>
public sealed class StatusManagerLifetimeTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Disposal_stops_the_sweeps_and_is_idempotent()
    {
        var target = new CountingTarget();
        var manager = new Manager(_time, target, Interval);
        _time.Advance(Interval);
        Assert.Equal(1, target.Sweeps);

        manager.Dispose();
        manager.Dispose();
        manager.ChangeInterval(TimeSpan.FromSeconds(1));
        _time.Advance(Interval * 3);

        Assert.True(manager.IsDisposed);
        Assert.Equal(1, target.Sweeps);
        Assert.Equal(TimeSpan.FromSeconds(1), manager.Interval);
    }

    [Fact]
    public void A_live_manager_is_not_disposed()
    {
        using var manager = new Manager(_time, new CountingTarget(), Interval);

        Assert.False(manager.IsDisposed);
    }

    [Fact]
    public void A_tick_after_the_target_was_collected_stops_the_timer()
    {
        var manager = CreateWithCollectableTarget(_time);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        _time.Advance(Interval);

        Assert.True(manager.IsDisposed);
    }

    [Fact]
    public void A_tick_during_a_sweep_is_skipped()
    {
        var target = new CountingTarget();
        using var manager = new Manager(_time, target, Interval);
        target.DuringFirstSweep = () => _time.Advance(Interval);

        _time.Advance(Interval);

        Assert.Equal(1, target.Sweeps);
        _time.Advance(Interval);
        Assert.Equal(2, target.Sweeps);
    }

    [Fact]
    public void Creating_a_manager_while_the_flow_is_suppressed_works_and_leaves_it_suppressed()
    {
        var flow = ExecutionContext.SuppressFlow();
        try
        {
            using var manager = new Manager(_time, new CountingTarget(), Interval);

            Assert.True(ExecutionContext.IsFlowSuppressed());
        }
        finally
        {
            flow.Undo();
        }
    }

    [Fact]
    public void Creating_a_manager_leaves_the_flow_of_the_caller_as_it_was()
    {
        using var manager = new Manager(_time, new CountingTarget(), Interval);

        Assert.False(ExecutionContext.IsFlowSuppressed());
    }

    [Fact]
    public async Task The_sweep_does_not_see_the_async_locals_of_the_creator()
    {
        var ambient = new AsyncLocal<string?> { Value = "creator" };
        var seen = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new CallbackTarget(() => seen.TrySetResult(ambient.Value));

        // A real timer: FakeTimeProvider calls back on the advancing thread, whose context would hide the difference.
        using var manager = new Manager(TimeProvider.System, target, TimeSpan.FromMilliseconds(1));
        var value = await seen.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Null(value);
        Assert.Equal("creator", ambient.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Manager CreateWithCollectableTarget(TimeProvider time) => new(time, new CountingTarget(), Interval);

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
}
