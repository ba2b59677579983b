using System.Collections.ObjectModel;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Events;

/// <summary>A registry stand-in for the event publisher: its options are whatever the test sets.</summary>
internal sealed class FakeEventHost : IEventBusHost
{
    public BramaOptions Options { get; set; } = BramaOptions.Default;
}

/// <summary>
/// The event layer on a fake clock, handed signals directly as the engine's publisher hands them: the connections are
/// real (from a registry of their own, metadata team=payments), the signals and their data are whatever a test says.
/// </summary>
internal sealed class PublisherHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The options of every harness connection; events carry its metadata instance.</summary>
    public static readonly ConnectionOptions WithMetadata = new()
    {
        Metadata = new ReadOnlyDictionary<string, string>(new Dictionary<string, string> { ["team"] = "payments" }),
    };

    public static readonly IReadOnlyDictionary<string, string> Metadata = WithMetadata.Metadata;

    private readonly ConnectionRegistry _connections;
    private readonly EventPublisher _publisher;
    private volatile int _wantedSignals;

    public PublisherHarness(BramaOptions? options = null)
    {
        Host.Options = options ?? BramaOptions.Default;
        _connections = new ConnectionRegistry(new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) }, Time);
        _publisher = new EventPublisher(Time, Host, signals => _wantedSignals = signals);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeEventHost Host { get; } = new();

    public EventBus Events => _publisher.Bus;

    /// <summary>Whether some subscription wants <paramref name="signal"/>, as the engine's publisher is told.</summary>
    public bool Wants(EngineSignal signal) => (_wantedSignals & EngineSignals.Bit(signal)) != 0;

    public void Publish(string connection, string? scope, EngineSignal signal, SignalData data) =>
        _publisher.Publish(_connections.GetOrRegister(connection, scope, WithMetadata), signal, in data);

    public void Publish(string connection, EngineSignal signal, SignalData data) => Publish(connection, null, signal, data);

    /// <summary>A per-call signal of a closed circuit; the failure count tags events so a test can tell them apart.</summary>
    public void PublishSuccess(string connection, string? scope = null, int tag = 0) =>
        Publish(connection, scope, EngineSignal.Succeeded, Closed(tag));

    public static SignalData Closed(int failures = 0) =>
        new(CircuitState.Closed, CircuitState.Closed, null, failures, 0, null, false);

    public static SignalData Data(
        CircuitState previous, CircuitState next, string? reason = null, int failures = 0, int openings = 0, TimeSpan? retryAfter = null, bool manual = false) =>
        new(previous, next, reason, failures, openings, retryAfter, manual);

    public void Dispose()
    {
        _publisher.Dispose();
        _connections.Dispose();
    }
}

/// <summary>Collects delivered events and lets a test await a number of them (a signal, never elapsed time).</summary>
internal sealed class EventRecorder
{
    private readonly object _gate = new();
    private readonly List<BramaEvent> _events = [];
    private readonly List<(Func<IReadOnlyList<BramaEvent>, bool> Condition, TaskCompletionSource Signal)> _waiters = [];

    public int ThreadId { get; private set; }

    public IReadOnlyList<BramaEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Record(BramaEvent bramaEvent)
    {
        lock (_gate)
        {
            ThreadId = Environment.CurrentManagedThreadId;
            _events.Add(bramaEvent);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(_events))
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> events arrived; returns all that arrived.</summary>
    public Task<IReadOnlyList<BramaEvent>> WaitForCountAsync(int count) => WaitUntilAsync(events => events.Count >= count);

    /// <summary>Completes when an event of <paramref name="connection"/> arrived; returns every event before it.</summary>
    public async Task<IReadOnlyList<BramaEvent>> WaitForFenceAsync(string connection)
    {
        var all = await WaitUntilAsync(events => events.Any(e => e.Connection == connection));
        return [.. all.TakeWhile(e => e.Connection != connection)];
    }

    public async Task<IReadOnlyList<BramaEvent>> WaitUntilAsync(Func<IReadOnlyList<BramaEvent>, bool> condition)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (condition(_events))
            {
                return [.. _events];
            }

            signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((condition, signal));
        }

        await signal.Task.WaitAsync(TestWait.Timeout, TestContext.Current.CancellationToken);
        return Events;
    }
}

internal static class TestWait
{
    /// <summary>A generous bound on waiting for a signal; never a measure of speed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static Task WaitSignalAsync(this Task task) => task.WaitAsync(Timeout, TestContext.Current.CancellationToken);

    public static Task<T> WaitSignalAsync<T>(this Task<T> task) => task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
}
