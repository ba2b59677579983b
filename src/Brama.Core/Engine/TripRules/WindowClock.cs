namespace Brama;

/// <summary>
/// The current bucket number of a registry's time windows of one bucket width, moved on by a timer at each bucket
/// boundary, so that a lock-free record reads a field instead of the clock (a precise read costs several times the
/// whole record). Every path that reads the precise time anyway brings it forward (<see cref="Observe"/>), so only the
/// lock-free successes can be stamped late, by at most the timer's latency.
/// </summary>
internal sealed class WindowClock : IDisposable
{
    private static readonly TimeSpan ShortestRearm = TimeSpan.FromMilliseconds(1);

    private readonly TimeProvider _time;
    private readonly long _width;
    private readonly ITimer _timer;
    private long _current;

    public WindowClock(TimeProvider time, TimeSpan width)
    {
        _time = time;
        Width = width;
        _width = Math.Max(1, (long)((Int128)width.Ticks * time.TimestampFrequency / TimeSpan.TicksPerSecond));
        _current = BucketOf(time.GetTimestamp());
        _timer = time.CreateTimer(static state => ((WindowClock)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Arm(time.GetTimestamp());
    }

    /// <summary>The width of one bucket.</summary>
    public TimeSpan Width { get; }

    /// <summary>How many windows use this clock; guarded by <see cref="WindowClocks"/>' lock.</summary>
    internal int Users { get; set; }

    /// <summary>The bucket of the last boundary the clock has seen.</summary>
    public long Current => Volatile.Read(ref _current);

    /// <summary>The bucket of <paramref name="timestamp"/>, brought into the clock when it is newer.</summary>
    public long Observe(long timestamp)
    {
        var bucket = BucketOf(timestamp);
        var seen = Volatile.Read(ref _current);
        while (bucket > seen)
        {
            var found = Interlocked.CompareExchange(ref _current, bucket, seen);
            if (found == seen)
            {
                break;
            }

            seen = found;
        }

        return bucket;
    }

    public void Dispose() => _timer.Dispose();

    private long BucketOf(long timestamp) => Math.DivRem(timestamp, _width, out var rest) - (rest < 0 ? 1 : 0);

    private void Tick()
    {
        var now = _time.GetTimestamp();
        Observe(now);
        Arm(now);
    }

    private void Arm(long now)
    {
        var next = (BucketOf(now) + 1) * _width;
        var due = _time.GetElapsedTime(now, next);
        try
        {
            _timer.Change(due < ShortestRearm && _time == TimeProvider.System ? ShortestRearm : due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while ticking: the clock's windows are gone.
        }
    }
}

/// <summary>A registry's window clocks, one per bucket width in use, each shared by the windows of that width.</summary>
internal sealed class WindowClocks : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Dictionary<TimeSpan, WindowClock> _clocks = [];

    public WindowClocks(TimeProvider time) => _time = time;

    /// <summary>The clock of <paramref name="width"/>, started when none was in use.</summary>
    public WindowClock Acquire(TimeSpan width)
    {
        lock (_clocks)
        {
            if (!_clocks.TryGetValue(width, out var clock))
            {
                clock = new WindowClock(_time, width);
                _clocks.Add(width, clock);
            }

            clock.Users++;
            return clock;
        }
    }

    /// <summary>A window no longer uses <paramref name="clock"/>; the last one stops it.</summary>
    public void Release(WindowClock clock)
    {
        lock (_clocks)
        {
            if (--clock.Users == 0 && _clocks.TryGetValue(clock.Width, out var held) && held == clock)
            {
                _clocks.Remove(clock.Width);
                clock.Dispose();
            }
        }
    }

    /// <summary>The number of clocks running.</summary>
    internal int Count
    {
        get
        {
            lock (_clocks)
            {
                return _clocks.Count;
            }
        }
    }

    /// <summary>Stops every clock (the registry is disposed).</summary>
    public void Dispose()
    {
        lock (_clocks)
        {
            foreach (var clock in _clocks.Values)
            {
                clock.Dispose();
            }

            _clocks.Clear();
        }
    }
}
