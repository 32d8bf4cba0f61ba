using Microsoft.AspNetCore.Http.Features;

namespace PasskeyGateway.LiveExchanges;

/// <summary>The HTTP/2 extended CONNECT (RFC 8441) counterpart of <see cref="WebSocketUpgradeFeature"/>.</summary>
internal sealed class WebSocketConnectFeature(IHttpExtendedConnectFeature connect, LiveExchange exchange) : IHttpExtendedConnectFeature
{
    public bool IsExtendedConnect => connect.IsExtendedConnect;

    public string? Protocol => connect.Protocol;

    public async ValueTask<Stream> AcceptAsync() => exchange.Relay(await connect.AcceptAsync());
}
