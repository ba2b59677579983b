using System.Net;
using System.Net.Sockets;

namespace Brama.Tests.Servers;

/// <summary>Loopback ports for the servers and processes tests start.</summary>
internal static class Loopback
{
    /// <summary>A port no one listens on now (the system's pick, released at once).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
