using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Authorization;

/// <summary>
/// Turns the authorization result into the response of DESIGN.md §3 and counts the decision per route:
/// allowed requests go on, unauthenticated ones are challenged (302 to sign-in or 401), those a new sign-in would let
/// through are asked for one (<see cref="StepUp"/>: 401 <c>insufficient_user_authentication</c>, or a browser sent to
/// the sign-in page), the rest get 403 with the codes of the conditions that failed.
/// </summary>
internal sealed class GatewayAuthorizationResultHandler(ProblemWriter problems, GatewayMetrics metrics, GatewayOptions options) : IAuthorizationMiddlewareResultHandler
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

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).Distinct(StringComparer.Ordinal).ToList();
        if (StepUp.For(policy, authorizeResult.AuthorizationFailure, context.Request, context.Features.Get<GatewayAuthenticationFeature>()) is { } stepUp)
        {
            metrics.AuthDecision(route, AuthDecision.StepUp);
            await AskForStepUpAsync(context, stepUp, reasons);
            return;
        }

        metrics.AuthDecision(route, AuthDecision.Forbidden);
        await problems.WriteAsync(context, ProblemCatalog.Forbidden, reasons: reasons);
    }

    private Task AskForStepUpAsync(HttpContext context, StepUp stepUp, IReadOnlyList<string>? reasons)
    {
        if (stepUp.Redirects)
        {
            var request = context.Request;
            context.Response.Redirect(stepUp.SignInLocation(options.PathPrefix, request.PathBase + request.Path + request.QueryString));
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = stepUp.WwwAuthenticate;
        return problems.WriteAsync(context, stepUp.Problem, reasons: reasons);
    }

    /// <summary>The YARP route id, or "gateway" for the gateway's own endpoints: never a path.</summary>
    private static string RouteLabel(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId ?? "gateway";
}
