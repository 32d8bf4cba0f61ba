using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PasskeyGateway.Testing;

/// <summary>
/// Ports for servers a test starts on a port it must name (a gateway process, redis-server, PostgreSQL). They are
/// drawn below the OS's ephemeral range: servers that bind port 0 (the echo backends, Kestrel on <c>:0</c>) get
/// ports from that range, so they can never take one of these between the asking and the binding.
/// </summary>
internal static class FreePort
{
    private const int Lowest = 20000;

    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    /// <summary>A loopback port free at the time of asking, never handed out before in this process.</summary>
    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(Lowest, Highest + 1);
            if (HandedOut.TryAdd(port, true) && IsFree(port))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range (32768 by default, and where the file is missing).</summary>
    private static int EphemeralRangeStart()
    {
        const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(RangeFile) ? File.ReadAllText(RangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) && start > Lowest + 1000 ? start : 32768;
    }
}
