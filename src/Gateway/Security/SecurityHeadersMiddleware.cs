using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Security;

/// <summary>
/// Puts <see cref="SecurityHeaders"/> on the answers of the gateway's own endpoints before they run; a request routed
/// to a backend passes untouched (its problems get them from the problem writer).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, SecurityHeaders headers)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null)
        {
            headers.Apply(context.Response);
        }

        return next(context);
    }
}
