using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PasskeyGateway.Authentication;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Authorization;

/// <summary>
/// Turns the authorization result into the response of DESIGN.md §3 and counts the decision per route:
/// allowed requests go on, unauthenticated ones are challenged (302 to sign-in or 401), the rest get 403 with the
/// codes of the conditions that failed.
/// </summary>
internal sealed class GatewayAuthorizationResultHandler(ProblemWriter problems, GatewayMetrics metrics) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var route = RouteLabel(context);
        if (authorizeResult.Succeeded)
        {
            metrics.AuthDecision(route, AuthDecision.Allow);
            await next(context);
            return;
        }

        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync(GatewayAuthenticationDefaults.Scheme);
            metrics.AuthDecision(route, context.Response.StatusCode == StatusCodes.Status302Found ? AuthDecision.Redirect : AuthDecision.Unauthenticated);
            return;
        }

        metrics.AuthDecision(route, AuthDecision.Forbidden);
        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).Distinct(StringComparer.Ordinal).ToList();
        await problems.WriteAsync(context, ProblemCatalog.Forbidden, reasons: reasons);
    }

    /// <summary>The YARP route id, or "gateway" for the gateway's own endpoints: never a path.</summary>
    private static string RouteLabel(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? "gateway";
}
