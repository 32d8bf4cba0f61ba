using PasskeyGateway.Authentication;
using PasskeyGateway.Authorization;
using PasskeyGateway.Configuration;
using PasskeyGateway.Headers;
using PasskeyGateway.Observability;
using PasskeyGateway.Problems;
using PasskeyGateway.Proxy;

namespace PasskeyGateway.ForwardAuth;

/// <summary>
/// <c>/.auth/verify</c> (DESIGN.md §11.4): a proxy in front of the application (nginx <c>auth_request</c>, Traefik
/// ForwardAuth, Caddy <c>forward_auth</c>, Envoy ext_authz) asks whether a request may pass. The answer is the decision
/// the gateway would take proxying that request itself (<see cref="AccessDecider"/>): <c>200</c> with the identity
/// headers for the proxy to copy, <c>401</c> with <c>WWW-Authenticate</c> and the sign-in page in <c>Location</c>
/// (<c>302</c> there instead with <c>?redirect=true</c>, for a browser navigation) — for a missing sign-in, and for a
/// step-up with <c>insufficient_user_authentication</c> and <c>maxAge</c> — or the <c>4xx</c> problem of a refusal.
/// Answers are never cached and never set a cookie.
/// </summary>
internal sealed partial class ForwardAuthHandler(
    TrustedProxies trustedProxies,
    GatewayOptions options,
    GatewayConfigAccessor config,
    DescribedRequestRouter router,
    AccessDecider decider,
    IdentityAssertions assertions,
    ProblemWriter problems,
    GatewayMetrics metrics,
    ILogger<ForwardAuthHandler> logger)
{
    private readonly PathString _verifyPath = ForwardAuthEndpoints.VerifyPath(options.PathPrefix);
    private readonly string _publicHost = options.PublicOrigin!.Host;

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";

        // Only a trusted proxy's description is believed: anyone else could describe any request (a public path)
        // and have the answer apply to another (oauth2-proxy's X-Forwarded-Uri advisory).
        if (!trustedProxies.Contains(context.Features.Get<ForwardAuthPeer>()?.Address))
        {
            Log.UntrustedProxy(logger);
            await problems.WriteAsync(context, ProblemCatalog.UntrustedProxy);
            return;
        }

        var reading = DescribedRequestReader.Read(context.Request, _verifyPath);
        if (reading.Request is not { } described)
        {
            Log.DescriptionRefused(logger, reading.Problem!.Code);
            await problems.WriteAsync(context, reading.Problem!, reading.Detail);
            return;
        }

        // The session cookie is host-only: a decision for another host's request would rest on a cookie that host
        // never receives, or on a sign-in page that cannot set it.
        if (!string.Equals(described.Host.Host, _publicHost, StringComparison.OrdinalIgnoreCase))
        {
            await problems.WriteAsync(context, ProblemCatalog.HostNotServed);
            return;
        }

        var routed = await router.RouteAsync(context, described);
        var decision = await decider.DecideAsync(routed);
        await AnswerAsync(context, routed, described, decision);
    }

    private async Task AnswerAsync(HttpContext context, HttpContext routed, DescribedRequest described, AccessDecision decision)
    {
        var response = context.Response;
        var route = decision.RouteId ?? "gateway";
        switch (decision.Outcome)
        {
            case AccessOutcome.Allow:
                metrics.AuthDecision(route, AuthDecision.Allow);
                AddIdentityHeaders(context, decision);
                response.StatusCode = StatusCodes.Status200OK;
                return;

            case AccessOutcome.Redirect or AccessOutcome.Unauthenticated:
                var feature = routed.Features.Get<GatewayAuthenticationFeature>();
                var location = Challenge.SignInLocation(options.PathPrefix, ReturnUrl.OrRoot(described.ReturnPath));
                if (decision.Outcome == AccessOutcome.Redirect && IsRedirectAsked(context.Request))
                {
                    metrics.AuthDecision(route, AuthDecision.Redirect);
                    response.StatusCode = StatusCodes.Status302Found;
                    response.Headers.Location = location;
                    return;
                }

                metrics.AuthDecision(route, AuthDecision.Unauthenticated);
                response.Headers.WWWAuthenticate = Challenge.WwwAuthenticate(feature);
                response.Headers.Location = location;
                await problems.WriteAsync(context, decision.Problem ?? ProblemCatalog.AuthenticationRequired);
                return;

            case AccessOutcome.StepUp:
                // As for a missing sign-in: the sign-in page (here asking for a new passkey) in Location, or a 302 there.
                var stepUp = decision.StepUp!;
                var signIn = stepUp.IsMetByPasskeySignIn ? stepUp.SignInLocation(options.PathPrefix, described.ReturnPath) : null;
                metrics.AuthDecision(route, AuthDecision.StepUp);
                if (stepUp.Redirects && IsRedirectAsked(context.Request))
                {
                    response.StatusCode = StatusCodes.Status302Found;
                    response.Headers.Location = signIn!;
                    return;
                }

                response.Headers.WWWAuthenticate = stepUp.WwwAuthenticate;
                if (signIn is not null)
                {
                    response.Headers.Location = signIn;
                }

                await problems.WriteAsync(context, stepUp.Problem, reasons: decision.Reasons);
                return;

            case AccessOutcome.Forbidden when decision.Problem == ProblemCatalog.Forbidden:
                metrics.AuthDecision(route, AuthDecision.Forbidden);
                await problems.WriteAsync(context, ProblemCatalog.Forbidden, reasons: decision.Reasons);
                return;

            default:
                await problems.WriteAsync(context, decision.Problem ?? ProblemCatalog.Forbidden, decision.Detail);
                return;
        }
    }

    /// <summary>The identity headers (and the assertion for the route's cluster) that a proxied request would carry.</summary>
    private void AddIdentityHeaders(HttpContext context, AccessDecision decision)
    {
        if (context.Features.Get<GatewayAuthenticationFeature>()?.Token is not { } token || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }

        var headers = context.Response.Headers;
        var plan = config.Current.Headers;
        foreach (var (header, value) in token.HeaderValues(plan))
        {
            headers[header] = value;
        }

        if (plan.Assertion is { } assertion && decision.ClusterId is { } cluster)
        {
            headers[assertion.Header] = assertions.For(token, cluster, assertion.Lifetime);
        }
    }

    /// <summary><c>?redirect=true</c>: the proxy passes a 302 to the browser (Traefik, Caddy); nginx cannot.</summary>
    private static bool IsRedirectAsked(HttpRequest request) =>
        request.Query.TryGetValue("redirect", out var value) && value.Count == 1 && string.Equals(value[0], "true", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(4301, LogLevel.Warning, "Refused a forward-auth request from an address that is not in Gateway:TrustedProxies.")]
        public static partial void UntrustedProxy(ILogger logger);

        [LoggerMessage(4302, LogLevel.Debug, "Refused a forward-auth request whose description of the original request is not valid: {Code}.")]
        public static partial void DescriptionRefused(ILogger logger, string code);
    }
}
