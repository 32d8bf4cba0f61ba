using System.Net.Http.Headers;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Proxy;
using Yarp.ReverseProxy.Transforms;

namespace PasskeyGateway.Headers;

/// <summary>
/// The YARP request transform of every route: drops the credentials the gateway consumed (a bearer
/// <c>Authorization</c> header, the session cookie) unless the route opts in, then adds the identity headers from the
/// validated principal and, when configured, the signed assertion.
/// </summary>
internal sealed class IdentityHeaderTransform(GatewayConfigAccessor config, SessionCookie sessionCookie, IdentityAssertions assertions)
    : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var http = context.HttpContext;
        var proxyHeaders = context.ProxyRequest.Headers;
        var route = context.HttpContext.GetRouteModel().Config;

        if (!RouteMetadataKeys.IsSet(route.Metadata, RouteMetadataKeys.ForwardAuthorization) && IsBearer(http.Request))
        {
            proxyHeaders.Remove("Authorization");
        }

        if (!RouteMetadataKeys.IsSet(route.Metadata, RouteMetadataKeys.ForwardSessionCookie))
        {
            RemoveSessionCookie(http.Request, proxyHeaders);
        }

        if (http.Features.Get<GatewayAuthenticationFeature>()?.Token is not { } token || http.User.Identity?.IsAuthenticated != true)
        {
            return ValueTask.CompletedTask;
        }

        var plan = config.Current.Headers;
        foreach (var (header, value) in token.HeaderValues(plan))
        {
            proxyHeaders.TryAddWithoutValidation(header, value);
        }

        if (plan.Assertion is { } assertion)
        {
            proxyHeaders.TryAddWithoutValidation(assertion.Header, assertions.For(token, route.ClusterId!, assertion.Lifetime));
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsBearer(HttpRequest request)
    {
        foreach (var value in request.Headers.Authorization)
        {
            if (value is not null && value.TrimStart().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void RemoveSessionCookie(HttpRequest request, HttpRequestHeaders proxyHeaders)
    {
        var cookies = request.Headers.Cookie;
        if (cookies.Count == 0 || !request.Cookies.ContainsKey(sessionCookie.Name))
        {
            return;
        }

        proxyHeaders.Remove("Cookie");
        var kept = new List<string>();
        foreach (var header in cookies)
        {
            foreach (var pair in (header ?? "").Split(';'))
            {
                var trimmed = pair.Trim();
                var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? trimmed : trimmed[..equals].Trim();
                if (trimmed.Length > 0 && !name.Equals(sessionCookie.Name, StringComparison.Ordinal))
                {
                    kept.Add(trimmed);
                }
            }
        }

        if (kept.Count > 0)
        {
            proxyHeaders.TryAddWithoutValidation("Cookie", string.Join("; ", kept));
        }
    }
}
