using System.Collections.Frozen;
using Microsoft.AspNetCore.Http.Features;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Security;

/// <summary>
/// Cross-site WebSocket hijacking (DESIGN.md §11.4): a browser sends the session cookie with a WebSocket handshake
/// from any site's page, and neither CORS nor SameSite=Lax stops it. So every WebSocket request (HTTP/1.1 Upgrade or
/// HTTP/2 CONNECT) carrying the gateway's cookie — on anonymous routes too, where the cookie is still forwarded — must
/// carry an <c>Origin</c> that is a relying-party origin or one of <c>Gateway:WebSockets:AllowedOrigins</c>; otherwise,
/// a missing <c>Origin</c> included, it is refused. A handshake with <c>Authorization</c> is exempt: a page cannot
/// attach that header to a WebSocket. One rule for proxied handshakes and the ones a proxy describes to
/// <c>/.auth/verify</c>.
/// </summary>
internal sealed class WebSocketOriginRule(SessionCookie cookie, GatewayOptions options)
{
    private readonly FrozenSet<string> _origins =
        options.RelyingParty.Origins.Concat(options.WebSockets.AllowedOrigins).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool Refuses(HttpContext context)
    {
        var request = context.Request;
        if (!IsWebSocketHandshake(context) || !request.Cookies.ContainsKey(cookie.Name) || request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        var origin = request.Headers.Origin;
        return !(origin.Count == 1 && origin[0] is { } value && _origins.Contains(value));
    }

    /// <summary>
    /// An HTTP/1.1 <c>Upgrade: websocket</c> or an HTTP/2 extended CONNECT for <c>websocket</c> (RFC 8441). Read from
    /// the request itself: the gateway relays WebSockets through YARP and has no WebSocket middleware to ask.
    /// </summary>
    public static bool IsWebSocketHandshake(HttpContext context)
    {
        if (context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
        {
            return string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
        }

        foreach (var upgrade in context.Request.Headers.Upgrade)
        {
            if (upgrade is not null && upgrade.Split(',').Any(token => token.Trim().Equals("websocket", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
