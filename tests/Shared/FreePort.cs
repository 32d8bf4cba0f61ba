using System.Net;
using System.Net.Sockets;

namespace PasskeyGateway.Testing;

internal static class FreePort
{
    /// <summary>A loopback port free at the time of asking (the OS hands out ephemeral ports in sequence, so reuse is rare).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
