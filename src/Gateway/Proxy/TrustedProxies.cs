using System.Net;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Proxy;

/// <summary>
/// <c>Gateway:TrustedProxies</c>, parsed once: the addresses and CIDR ranges whose <c>X-Forwarded-*</c> headers the
/// gateway believes, and which alone may ask <c>/.auth/verify</c> for a decision.
/// </summary>
internal sealed class TrustedProxies
{
    public TrustedProxies(GatewayOptions options)
    {
        foreach (var entry in options.TrustedProxies)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                Addresses.Add(address);
            }
            else
            {
                Networks.Add(System.Net.IPNetwork.Parse(entry));
            }
        }
    }

    public List<IPAddress> Addresses { get; } = [];

    public List<System.Net.IPNetwork> Networks { get; } = [];

    public bool IsEmpty => Addresses.Count == 0 && Networks.Count == 0;

    /// <summary>Whether <paramref name="address"/> (an IPv4 address seen as IPv6-mapped included) is a trusted proxy.</summary>
    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Addresses.Contains(address) || Networks.Exists(network => network.Contains(address));
    }
}
