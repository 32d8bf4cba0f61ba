using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Proxy;

/// <summary>
/// A request that matches neither a YARP route nor a gateway endpoint gets 404 before authentication runs: it is
/// never passed anywhere, authenticated or not. The gateway's own prefix is never proxied, even by a catch-all route.
/// </summary>
internal sealed class UnmatchedRequestMiddleware(RequestDelegate next, ProblemWriter problems, GatewayOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null
            || (endpoint.Metadata.GetMetadata<RouteModel>() is not null && context.Request.Path.StartsWithSegments(options.PathPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            return problems.WriteAsync(context, ProblemCatalog.NotFound);
        }

        return next(context);
    }
}
