using Microsoft.AspNetCore.Authorization;
using PasskeyGateway.Observability;

namespace PasskeyGateway.Proxy;

/// <summary>
/// Counts requests on anonymous routes as <c>allow</c> decisions. ASP.NET Core's authorization middleware lets them
/// through without calling the result handler, which counts the decisions on every other route.
/// </summary>
internal sealed class AnonymousRouteMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            metrics.AuthDecision(context.GetRouteModel().Config.RouteId, AuthDecision.Allow);
        }

        return next(context);
    }
}
