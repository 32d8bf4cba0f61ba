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
                .WithMetadata(ForwardAuthEndpointMetadata.Instance);
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
