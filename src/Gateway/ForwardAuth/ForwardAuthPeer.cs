using System.Net;

namespace PasskeyGateway.ForwardAuth;

/// <summary>
/// The address that sent a <c>/.auth/verify</c> request, taken before the forwarded headers replace the connection's
/// remote address with the client's: the proxy that asks, which must be a trusted one.
/// </summary>
internal sealed record ForwardAuthPeer(IPAddress? Address);
