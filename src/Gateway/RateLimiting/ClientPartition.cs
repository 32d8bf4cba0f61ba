using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.RateLimiting;

/// <summary>
/// Who a request counts against: a signed-in user by their subject (so many users behind one address are not limited
/// together, and one user cannot escape their limit by changing address), anyone else by their address — the first
/// hop not in <c>Gateway:TrustedProxies</c>, as the forwarded-headers step left it. An IPv6 client is keyed by its
/// /64, the smallest network a provider hands out: one host can use every address in it.
/// </summary>
internal static class ClientPartition
{
    public static string Of(HttpContext context) => context.Features.Get<GatewayAuthenticationFeature>()?.Token switch
    {
        { RevocationKeys: { } keys } => "user:" + keys.Subject,
        { } external when external.Principal.FindFirst(GatewayClaimTypes.Subject) is { } subject => $"external:{subject.Issuer}:{subject.Value}",
        _ => OfAddress(context.Connection.RemoteIpAddress),
    };

    public static string OfAddress(IPAddress? address)
    {
        if (address is null)
        {
            return "ip:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "ip:" + address;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return $"ip6:{BinaryPrimitives.ReadUInt64BigEndian(bytes):x16}/64";
    }
}
