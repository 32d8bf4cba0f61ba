using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;
using PasskeyGateway.Problems;
using PasskeyGateway.Proxy;
using PasskeyGateway.Security;
using Yarp.ReverseProxy.Model;

namespace PasskeyGateway.Authorization;

/// <summary>
/// Decides a request that has been routed and authenticated but not passed on: for <c>/.auth/verify</c>, where a
/// proxy describes the request, and <c>gateway explain</c>. It takes the same steps, in the same order, as the
/// pipeline does for a request the gateway proxies — the path check, a CORS preflight answered before
/// authentication, the CSRF and WebSocket origin rules, then the route's policy from the same policy provider,
/// evaluated by the same <see cref="IPolicyEvaluator"/> and requirement handlers as the authorization middleware —
/// so there is one decision, not a second policy engine.
/// </summary>
internal sealed class AccessDecider(
    IAuthorizationPolicyProvider policies,
    IPolicyEvaluator evaluator,
    CsrfRule csrf,
    WebSocketOriginRule webSocketOrigin,
    GatewayOptions options,
    TimeProvider timeProvider)
{
    public async Task<AccessDecision> DecideAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();

        // UnmatchedRequestMiddleware: the gateway's own prefix is never proxied, even by a catch-all route.
        if (endpoint?.Metadata.GetMetadata<RouteModel>() is not { } route
            || context.Request.Path.StartsWithSegments(options.PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AccessDecision.NoRoute;
        }

        var config = route.Config;
        var policyName = config.AuthorizationPolicy is { Length: > 0 } named ? named : RoutePolicyNames.Default;

        // PathAmbiguityMiddleware.
        if (!RouteMetadataKeys.IsOff(config.Metadata, RouteMetadataKeys.PathCheck)
            && PathAmbiguity.Find(context.Request.Path.Value ?? "") is { } ambiguity)
        {
            return Refused(AccessOutcome.Invalid, ProblemCatalog.PathAmbiguous, "a path every backend reads alike", PathAmbiguity.Detail(ambiguity));
        }

        // UseCors: a route's preflight is answered before authentication (a browser sends it without credentials).
        if (IsCorsPreflight(context.Request) && config.CorsPolicy is { Length: > 0 } cors && !cors.Equals("disable", StringComparison.OrdinalIgnoreCase))
        {
            return Decision(AccessOutcome.Allow, [new AccessCondition($"a CORS preflight of policy '{cors}', answered before authentication", true)]);
        }

        // CsrfMiddleware and WebSocketOriginMiddleware.
        if (csrf.Refuses(context))
        {
            return Refused(AccessOutcome.Forbidden, ProblemCatalog.CsrfOriginMismatch, "a cookie-authenticated unsafe request comes from a page of the site");
        }

        if (webSocketOrigin.Refuses(context))
        {
            return Refused(AccessOutcome.Forbidden, WebSocketOriginMiddleware.Refused, "a cookie-authenticated WebSocket comes from an allowed origin");
        }

        // AuthorizationMiddleware: an anonymous route is allowed, with the identity of a caller who has one.
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Decision(AccessOutcome.Allow, [new AccessCondition("anonymous route", true)]);
        }

        // CombineAsync falls back to the provider's fallback policy itself; never null with the gateway's provider.
        var policy = await AuthorizationPolicy.CombineAsync(
            policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>())
            ?? GatewayPolicyCompiler.Authenticated;
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        var result = await evaluator.AuthorizeAsync(policy, authentication, context, context);
        var conditions = Conditions(policy, context);
        if (result.Succeeded)
        {
            return Decision(AccessOutcome.Allow, conditions);
        }

        if (result.Challenged)
        {
            var feature = context.Features.Get<GatewayAuthenticationFeature>();
            var outcome = Challenge.Unavailable(feature) ? AccessOutcome.Unavailable
                : Challenge.Redirects(context.Request, feature) ? AccessOutcome.Redirect
                : AccessOutcome.Unauthenticated;
            return Decision(outcome, conditions) with { Problem = Challenge.Problem(feature) };
        }

        if (StepUp.For(policy, result.AuthorizationFailure, context.Request, context.Features.Get<GatewayAuthenticationFeature>()) is { } stepUp)
        {
            return Decision(AccessOutcome.StepUp, conditions) with { Problem = stepUp.Problem, StepUp = stepUp };
        }

        return Decision(AccessOutcome.Forbidden, conditions) with { Problem = ProblemCatalog.Forbidden };

        AccessDecision Decision(AccessOutcome outcome, IReadOnlyList<AccessCondition> checkedConditions) =>
            new(outcome, config.RouteId, config.ClusterId, policyName, checkedConditions);

        AccessDecision Refused(AccessOutcome outcome, GatewayProblem problem, string condition, string? detail = null) =>
            Decision(outcome, [new AccessCondition(condition, false, problem.Code)]) with { Problem = problem, Detail = detail };
    }

    /// <summary>Each requirement of <paramref name="policy"/>, checked as its handler checks it.</summary>
    private List<AccessCondition> Conditions(AuthorizationPolicy policy, HttpContext context)
    {
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var now = timeProvider.GetUtcNow();
        var conditions = new List<AccessCondition>(policy.Requirements.Count);
        foreach (var requirement in policy.Requirements)
        {
            switch (requirement)
            {
                case DenyAnonymousAuthorizationRequirement:
                    conditions.Add(new AccessCondition(
                        "authenticated (a bearer token or the session cookie)",
                        authenticated,
                        authenticated ? null : Challenge.Problem(context.Features.Get<GatewayAuthenticationFeature>()).Code));
                    break;
                case IGatewayRequirement gateway:
                    // GatewayRequirementHandler leaves every condition unmet for an anonymous caller.
                    var passed = authenticated && gateway.IsSatisfiedBy(user, now);
                    conditions.Add(new AccessCondition(gateway.Condition, passed, passed ? null : gateway.FailureCode));
                    break;
                default:
                    conditions.Add(new AccessCondition(requirement.ToString() ?? requirement.GetType().Name, false, "unknown-requirement"));
                    break;
            }
        }

        return conditions;
    }

    /// <summary>CORS's preflight: <c>OPTIONS</c> with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    private static bool IsCorsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.Origin.Count > 0
        && request.Headers.AccessControlRequestMethod.Count > 0;
}
