using PasskeyGateway.Problems;

namespace PasskeyGateway.Authentication;

/// <summary>
/// How an unauthenticated request is answered, for the requests the gateway proxies and the ones a proxy describes to
/// <c>/.auth/verify</c>: a browser navigation (without a bearer token) is sent to the sign-in page with a same-origin
/// return path; everything else gets 401 with <c>WWW-Authenticate: Bearer</c> (and <c>error="invalid_token"</c> when
/// a bearer token was refused, RFC 6750 §3.1) and a problem response.
/// </summary>
internal static class Challenge
{
    public static bool Redirects(HttpRequest request, GatewayAuthenticationFeature? feature) =>
        feature?.Source != TokenSource.Bearer && !Unavailable(feature) && IsHtmlNavigation(request);

    /// <summary>
    /// The credential was not refused: the gateway cannot judge it right now (<c>503</c>). Neither a sign-in redirect
    /// nor a deleted cookie, which would end a session that may well be valid.
    /// </summary>
    public static bool Unavailable(GatewayAuthenticationFeature? feature) =>
        feature?.Failure is { Status: StatusCodes.Status503ServiceUnavailable };

    public static GatewayProblem Problem(GatewayAuthenticationFeature? feature) =>
        feature?.Failure ?? ProblemCatalog.AuthenticationRequired;

    /// <summary>RFC 6750 §3.1: <c>invalid_token</c> only for a bearer token that was refused; no error code when none was sent.</summary>
    public static string WwwAuthenticate(GatewayAuthenticationFeature? feature) =>
        feature is { Source: TokenSource.Bearer, Failure: { } failure } && failure != ProblemCatalog.AuthorizationSchemeUnsupported
            ? $"Bearer error=\"invalid_token\", error_description=\"{failure.Code}\""
            : "Bearer";

    /// <summary>The sign-in page, returning to <paramref name="returnPath"/> (a path of the public origin).</summary>
    public static string SignInLocation(string pathPrefix, string returnPath) =>
        $"{pathPrefix}/login?returnUrl={Uri.EscapeDataString(returnPath)}";

    /// <summary>A browser navigation: GET or HEAD that accepts HTML.</summary>
    public static bool IsHtmlNavigation(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        foreach (var accept in request.Headers.Accept)
        {
            if (accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
