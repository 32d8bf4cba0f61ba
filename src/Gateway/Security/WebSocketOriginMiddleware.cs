using System.Collections.Frozen;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Security;

/// <summary>
/// Cross-site WebSocket hijacking (DESIGN.md §11.4): a browser sends the session cookie with a WebSocket handshake
/// from any site's page, and neither CORS nor SameSite=Lax stops it. So every WebSocket request (HTTP/1.1 Upgrade or
/// HTTP/2 CONNECT) carrying the gateway's cookie — on anonymous routes too, where the cookie is still forwarded — must
/// carry an <c>Origin</c> that is a relying-party origin or one of <c>Gateway:WebSockets:AllowedOrigins</c>; otherwise,
/// a missing <c>Origin</c> included, <c>403 origin-mismatch</c>. A handshake with <c>Authorization</c> is exempt: a page
/// cannot attach that header to a WebSocket.
/// </summary>
internal sealed partial class WebSocketOriginMiddleware(RequestDelegate next, SessionCookie cookie, ProblemWriter problems, GatewayOptions options, ILogger<WebSocketOriginMiddleware> logger)
{
    private static readonly GatewayProblem Refused = new(
        ProblemCatalog.OriginMismatch.Code, StatusCodes.Status403Forbidden, "This WebSocket was opened by a page of an origin this gateway does not serve.");

    private readonly FrozenSet<string> _origins =
        options.RelyingParty.Origins.Concat(options.WebSockets.AllowedOrigins).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsWebSocketHandshake(context) || !request.Cookies.ContainsKey(cookie.Name) || request.Headers.Authorization.Count > 0)
        {
            return next(context);
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 1 && origin[0] is { } value && _origins.Contains(value))
        {
            return next(context);
        }

        Log.Refused(logger);
        return problems.WriteAsync(context, Refused);
    }

    /// <summary>
    /// An HTTP/1.1 <c>Upgrade: websocket</c> or an HTTP/2 extended CONNECT for <c>websocket</c> (RFC 8441). Read from
    /// the request itself: the gateway relays WebSockets through YARP and has no WebSocket middleware to ask.
    /// </summary>
    private static bool IsWebSocketHandshake(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect)
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

    private static partial class Log
    {
        [LoggerMessage(3201, LogLevel.Information, "Refused a WebSocket handshake with the session cookie from a page of another origin.")]
        public static partial void Refused(ILogger logger);
    }
}
