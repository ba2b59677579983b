using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Brama.Benchmarks.Decorated;
using Brama.Redis;

namespace Brama.Benchmarks;

/// <summary>
/// P10: the closed call path (P1's by-hand form) on a fleet-wide connection of a registry joined to a fleet on a real
/// redis-server, beside the same call on a registry with no fleet: joining must cost the call nothing, since messages
/// only leave through transitions. The setup starts a redis-server of its own on a free loopback port and stops it.
/// </summary>
[MemoryDiagnoser]
public class FleetBenchmarks
{
    private Process? _redis;
    private ConnectionRegistry _plain = null!;
    private ConnectionRegistry _joined = null!;
    private RedisFleet _fleet = null!;
    private Connection _withoutFleet = null!;
    private Connection _fleetWide = null!;

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        _redis.OutputDataReceived += static (_, _) => { };
        _redis.BeginOutputReadLine();
        WaitForPort(port);

        _plain = new ConnectionRegistry();
        _withoutFleet = _plain.Register("payment_api");
        _joined = new ConnectionRegistry();
        _fleetWide = _joined.Register("payment_api", null, new ConnectionOptions { FleetWide = true });
        _fleet = RedisFleet.JoinAsync(_joined, new RedisFleetOptions { FleetName = "bench", Configuration = $"127.0.0.1:{port}" }).GetAwaiter().GetResult();
        if (!_fleet.Status.IsConnected)
        {
            throw new InvalidOperationException("the fleet did not connect to its redis-server");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _joined.Dispose();
        _plain.Dispose();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit(5000);
        }

        _redis?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int NoFleet() => ByHand.Call(_withoutFleet);

    [Benchmark]
    public int FleetJoined() => ByHand.Call(_fleetWide);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(25);
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {port}");
    }
}
