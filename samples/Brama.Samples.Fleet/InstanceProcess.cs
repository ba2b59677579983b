using System.Collections.Concurrent;
using System.Diagnostics;

namespace Brama.Samples.Fleet;

/// <summary>An instance of the service in a process of its own: this program in "instance" mode, driven through its standard input.</summary>
internal sealed class InstanceProcess : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly List<string> _seen = [];

    private InstanceProcess(string name, Process process, bool quiet)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                if (!quiet)
                {
                    Story.Print($"  [{name}] {line}");
                }

                _lines.Add(line);
            }
            else
            {
                _lines.CompleteAdding();
            }
        };
        _process.BeginOutputReadLine();
    }

    public string Name { get; }

    public static InstanceProcess Start(string name, string redis, bool quiet = false)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run as "dotnet Brama.Samples.Fleet.dll" when started by dotnet, else as the apphost itself.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(InstanceProcess).Assembly.Location);
        }

        foreach (var argument in new[] { "instance", name, redis })
        {
            start.ArgumentList.Add(argument);
        }

        return new InstanceProcess(name, Process.Start(start)!, quiet);
    }

    public void Send(string command) => _process.StandardInput.WriteLine(command);

    /// <summary>The first line not waited for yet that starts with <paramref name="prefix"/>; lines before it are consumed too.</summary>
    public string WaitFor(string prefix, TimeSpan? bound = null) => WaitForAny([prefix], bound);

    /// <summary>The first line not waited for yet that starts with one of <paramref name="prefixes"/>.</summary>
    public string WaitForAny(string[] prefixes, TimeSpan? bound = null)
    {
        bool Matches(string line) => prefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal));
        lock (_seen)
        {
            var index = _seen.FindIndex(Matches);
            if (index >= 0)
            {
                var found = _seen[index];
                _seen.RemoveRange(0, index + 1);
                return found;
            }
        }

        var deadline = DateTime.UtcNow + (bound ?? Bound);
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                if (Matches(line))
                {
                    return line;
                }

                lock (_seen)
                {
                    _seen.Add(line);
                }
            }
        }

        throw new TimeoutException($"{Name} did not say '{string.Join("' or '", prefixes)}…' within {(bound ?? Bound).TotalSeconds} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                Send("quit");
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
