namespace Brama.Testing;

/// <summary>
/// Records the events of a registry as they are delivered and lets a test await a given event. Brama delivers events
/// asynchronously (the reporting thread never runs a handler), so assert on an event after awaiting it, not right
/// after the action that causes it.
/// </summary>
public sealed class EventRecorder : IDisposable
{
    /// <summary>How long <see cref="WaitForAsync(Func{BramaEvent, bool}, TimeSpan?, CancellationToken)"/> waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<BramaEvent> _events = [];
    private readonly List<Waiter> _waiters = [];
    private readonly Subscription _subscription;
    private bool _disposed;

    /// <summary>Starts recording the events of <paramref name="registry"/> that match <paramref name="filter"/>.</summary>
    public EventRecorder(ConnectionRegistry registry, EventFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _subscription = registry.Events.Subscribe(Record, filter);
    }

    /// <summary>The subscription behind the recorder (its drop and exception counts).</summary>
    public Subscription Subscription => _subscription;

    /// <summary>A snapshot of the recorded events, in delivery order.</summary>
    public IReadOnlyList<BramaEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return _events.ToArray();
            }
        }
    }

    /// <summary>The types of the recorded events, in delivery order.</summary>
    public IReadOnlyList<EventType> Types => Events.Select(static e => e.Type).ToArray();

    /// <summary>The recorded events of one type.</summary>
    public IReadOnlyList<BramaEvent> OfType(EventType type) => Events.Where(e => e.Type == type).ToArray();

    /// <summary>Forgets the recorded events; later waits only see events delivered from now on.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <summary>
    /// Returns the first recorded event of <paramref name="type"/> (for <paramref name="connection"/> when given),
    /// already recorded or still to come.
    /// </summary>
    /// <exception cref="TimeoutException">No such event arrived in time; the message lists what was recorded.</exception>
    public Task<BramaEvent> WaitForAsync(
        EventType type, string? connection = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined event type.");
        }

        if (connection is not null && (string.IsNullOrWhiteSpace(connection) || connection.Length > ConnectionRegistry.MaxNameLength))
        {
            throw new ArgumentException("A connection name must not be empty, white space or longer than 256 characters.", nameof(connection));
        }

        var description = connection is null ? $"{type} event" : $"{type} event for '{connection}'";
        return WaitCoreAsync(
            e => e.Type == type && (connection is null || string.Equals(e.Connection, connection, StringComparison.Ordinal)),
            description,
            timeout,
            cancellationToken);
    }

    /// <summary>Returns the first recorded event that matches <paramref name="predicate"/>, already recorded or still to come.</summary>
    /// <exception cref="TimeoutException">No such event arrived in time; the message lists what was recorded.</exception>
    public Task<BramaEvent> WaitForAsync(
        Func<BramaEvent, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitCoreAsync(predicate, "event matching the predicate", timeout, cancellationToken);
    }

    /// <summary>Stops recording; waits still pending fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Waiter[] pending;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pending = _waiters.ToArray();
            _waiters.Clear();
        }

        _subscription.Dispose();
        foreach (var waiter in pending)
        {
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(EventRecorder)));
        }
    }

    private async Task<BramaEvent> WaitCoreAsync(
        Func<BramaEvent, bool> predicate, string description, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultTimeout;
        if (limit <= TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Must be positive or Timeout.InfiniteTimeSpan.");
        }

        Waiter waiter;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var recorded in _events)
            {
                if (predicate(recorded))
                {
                    return recorded;
                }
            }

            waiter = new Waiter(predicate);
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var recorded = Events;
            var seen = recorded.Count == 0 ? "nothing" : string.Join("; ", recorded);
            throw new TimeoutException($"No {description} arrived within {limit}. Recorded {recorded.Count}: {seen}.");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    private void Record(BramaEvent recorded)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _events.Add(recorded);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(recorded))
                {
                    _waiters[i].Completion.TrySetResult(recorded);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class Waiter(Func<BramaEvent, bool> predicate)
    {
        public Func<BramaEvent, bool> Predicate { get; } = predicate;

        public TaskCompletionSource<BramaEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
