using PasskeyGateway.Problems;

namespace PasskeyGateway.ForwardAuth;

/// <summary><c>/.auth/verify</c> and Envoy's <c>/.auth/verify/{path}</c>: the forward-auth decision endpoint.</summary>
internal static class ForwardAuthEndpoints
{
    /// <summary>The methods a proxy may ask with: nginx and Envoy ask with the original request's method.</summary>
    public static readonly IReadOnlyList<string> Methods =
    [
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options,
    ];

    public static PathString VerifyPath(string pathPrefix) => new(pathPrefix + "/verify");

    public static IEndpointRouteBuilder MapForwardAuth(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        var verify = VerifyPath(pathPrefix).Value!;
        foreach (var pattern in (string[])[verify, verify + "/{**path}"])
        {
            // Anonymous: the endpoint decides for the described request; it is itself only for trusted proxies.
            endpoints.MapMethods(pattern, Methods, static (HttpContext context, ForwardAuthHandler handler) => handler.HandleAsync(context))
                .AllowAnonymous()
                .WithMetadata(ForwardAuthEndpointMetadata.Instance)
                .WithTags("Forward auth")
                .WithSummary(pattern.EndsWith('}')
                    ? "Envoy's form: the decision on this request's own method, Host and the path after /verify, asked by a trusted proxy."
                    : "The decision on the request a trusted proxy describes (X-Original-URI/-Method or X-Forwarded-Method/-Uri, and X-Forwarded-Host): 200 with the identity headers, 401 with the sign-in page in Location (insufficient_user_authentication and maxAge for a step-up), 302 there with ?redirect=true, or 403.")
                .Produces(StatusCodes.Status200OK)
                .Produces(StatusCodes.Status302Found)
                .ProducesProblems(
                    [
                        ProblemCatalog.ForwardedRequestInvalid, ProblemCatalog.PathAmbiguous, ProblemCatalog.UntrustedProxy, ProblemCatalog.NoRoute,
                        ProblemCatalog.HostNotServed, ProblemCatalog.Forbidden, ProblemCatalog.AuthenticationRequired, ProblemCatalog.ReauthenticationRequired,
                        ProblemCatalog.AuthMethodNotAllowed, .. ProblemSets.Authentication,
                    ]);
        }

        return endpoints;
    }

    /// <summary>
    /// Whether the request is for the forward-auth endpoint, which the CSRF and WebSocket origin middlewares leave
    /// to it: it applies their rules to the request it is asked about, not to the asking one.
    /// </summary>
    public static bool IsVerify(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ForwardAuthEndpointMetadata>() is not null;
}
