using Brama.Tests.Servers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Brama.Redis.Tests;

/// <summary>
/// A real <c>redis-server</c> of this test's own, on a free loopback port, with no persistence. Stop and Start keep the
/// port, for outages; Dispose stops the process this fixture started (by its id) and nothing else.
/// </summary>
public sealed class RedisServer(string? password = null) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private Process? _process;

    public int Port { get; } = Loopback.FreePort();

    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000,syncTimeout=2000" + (password is null ? "" : ",password=" + password);

    public ValueTask InitializeAsync() => StartAsync();

    public async ValueTask StartAsync()
    {
        var start = new ProcessStartInfo("redis-server", $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode yes" + (password is null ? "" : " --requirepass " + password))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start; install it (apt-get install -y redis-server).");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await PingsAsync())
            {
                return;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server did not answer on port {Port} within {StartTimeout.TotalSeconds} s.");
    }

    /// <summary>Kills the server (an outage); <see cref="StartAsync"/> brings it back on the same port, empty.</summary>
    public async ValueTask StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => StopAsync();

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port).WaitAsync(TimeSpan.FromSeconds(1));
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return (read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8)) || (read >= 7 && buffer.AsSpan(0, 7).SequenceEqual("-NOAUTH"u8));
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
