using System.Collections.Frozen;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Proxy;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Security;

/// <summary>
/// Whether an unsafe request (POST, PUT, PATCH, DELETE) was sent by another site's page with the user's session
/// cookie. The browser says where a request comes from: <c>Sec-Fetch-Site</c> when it sends it (Fetch Metadata:
/// <c>same-origin</c> or <c>none</c> pass), else <c>Origin</c> (a relying-party origin passes; any other, <c>null</c>
/// included, is refused). A request with neither is not a modern browser's: a native app, a script, a server — it
/// passes, and carries no ambient credential of a victim's. SameSite=Lax alone is not enough: a sibling subdomain is
/// same-site, and its pages could post with the cookie.
/// <list type="bullet">
/// <item>The gateway's own endpoints are checked for every unsafe request — sign-in finishes too (login CSRF) —
/// except one authenticated by <c>Authorization</c> without the gateway cookie (a page cannot attach that header
/// to another site's request).</item>
/// <item>Proxied routes are checked when the request carries the gateway cookie (many legacy apps have no CSRF
/// defence of their own), unless the route's metadata says <c>"Gateway.CsrfCheck": "off"</c>.</item>
/// </list>
/// One rule for the requests the gateway proxies (<see cref="CsrfMiddleware"/>) and the ones a proxy describes to
/// <c>/.auth/verify</c>.
/// </summary>
internal sealed class CsrfRule(SessionCookie cookie, GatewayOptions options)
{
    private readonly FrozenSet<string> _origins = options.RelyingParty.Origins.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="context"/>'s request, routed to its endpoint, is a cross-site forgery.</summary>
    public bool Refuses(HttpContext context)
    {
        var request = context.Request;
        if (!IsUnsafe(request.Method))
        {
            return false;
        }

        var hasCookie = request.Cookies.ContainsKey(cookie.Name);
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is { } route)
        {
            if (!hasCookie || RouteMetadataKeys.IsOff(route.Config.Metadata, RouteMetadataKeys.CsrfCheck))
            {
                return false;
            }
        }
        else if (!hasCookie && request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        return !IsSameOrigin(request);
    }

    /// <summary>RFC 9110 §9.2.1: every method but GET, HEAD, OPTIONS and TRACE may change something.</summary>
    internal static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private bool IsSameOrigin(HttpRequest request)
    {
        // Fetch Metadata (W3C): the browser's own verdict, which no page can set. "none" is a user's own action
        // (a bookmark, the address bar); "same-site" includes sibling subdomains and is refused.
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (fetchSite.Count > 0)
        {
            return fetchSite.Count == 1 && fetchSite[0] is "same-origin" or "none";
        }

        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            return origin.Count == 1 && origin[0] is { } value && _origins.Contains(value);
        }

        return true;
    }
}
