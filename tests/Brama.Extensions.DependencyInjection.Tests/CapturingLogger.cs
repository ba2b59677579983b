using Microsoft.Extensions.Logging;

namespace Brama.Extensions.DependencyInjection.Tests;

internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>An <see cref="ILoggerProvider"/> that keeps every entry and lets a test await the entries it expects.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Done)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        lock (_gate)
        {
            var found = _entries.Find(e => match(e));
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var done = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            _waiters.RemoveAll(w => w.Match(entry) && w.Done.TrySetResult(entry));
        }
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}
