using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using PasskeyGateway.Authentication;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Authorization;

/// <summary>
/// A refusal that a new sign-in lifts (RFC 9470, step-up): every condition that failed is on how recently
/// (<c>MaxAuthAge</c>) or how (<c>AuthMethods</c>) the user signed in. An API call — a bearer token, or anything that
/// is not a browser navigation — is answered <c>401</c> with <see cref="WwwAuthenticate"/>; a browser navigation is
/// sent to the sign-in page (<see cref="SignInLocation"/>), which asks for a passkey again even though a session
/// exists. A refusal that also names a condition no ceremony changes (roles, claims, a bound device) stays a 403.
/// </summary>
/// <param name="Problem">The problem of the 401: <c>reauthentication-required</c> when <c>MaxAuthAge</c> failed, else <c>auth-method-not-allowed</c>.</param>
/// <param name="MaxAge">The shortest <c>MaxAuthAge</c> that failed; <c>null</c> when only the method did.</param>
/// <param name="IsMetByPasskeySignIn">A passkey sign-in meets every condition of the policy on how the user signs in.</param>
/// <param name="Redirects">A browser navigation, sent to the sign-in page rather than answered 401.</param>
internal sealed record StepUp(GatewayProblem Problem, TimeSpan? MaxAge, bool IsMetByPasskeySignIn, bool Redirects)
{
    /// <summary>RFC 9470 §3: the error a resource server answers when the token's authentication does not meet its needs.</summary>
    public const string Error = "insufficient_user_authentication";

    /// <summary>
    /// The step-up that <paramref name="failure"/> asks of this request, or <c>null</c> when it stays a 403: a
    /// condition failed that a new ceremony does not change, or a browser would be sent to a passkey sign-in that
    /// could not meet the policy (a route for biometric keys only).
    /// </summary>
    public static StepUp? For(AuthorizationPolicy policy, AuthorizationFailure? failure, HttpRequest request, GatewayAuthenticationFeature? feature)
    {
        if (failure is null || failure.FailedRequirements.Any() || !failure.FailureReasons.Any())
        {
            return null;
        }

        TimeSpan? maxAge = null;
        foreach (var reason in failure.FailureReasons)
        {
            switch ((reason as RequirementFailureReason)?.Requirement)
            {
                case MaxAuthAgeRequirement age:
                    maxAge = maxAge is { } shorter && shorter < age.MaxAge ? shorter : age.MaxAge;
                    break;
                case IStepUpRequirement:
                    break;
                default:
                    return null;
            }
        }

        // Every condition on the sign-in, failed or not: a biometric session grown too old for a route that takes only
        // biometric keys is not helped by a passkey, whose sign-in would then fail the method instead.
        var passkey = policy.Requirements.OfType<IStepUpRequirement>().All(r => r.IsMetByPasskeySignIn);
        var navigation = Challenge.Redirects(request, feature);
        if (navigation && !passkey)
        {
            return null;
        }

        var problem = maxAge is null ? ProblemCatalog.AuthMethodNotAllowed : ProblemCatalog.ReauthenticationRequired;
        return new StepUp(problem, maxAge, passkey, navigation);
    }

    /// <summary>
    /// RFC 9470 §3: <c>Bearer error="insufficient_user_authentication", error_description="…"</c>, with <c>max_age</c>
    /// (seconds) when a <c>MaxAuthAge</c> failed. No <c>acr_values</c>: the gateway defines no <c>acr</c> claim.
    /// </summary>
    public string WwwAuthenticate => MaxAge is null
        ? $"Bearer error=\"{Error}\", error_description=\"{Problem.Title}\""
        : $"Bearer error=\"{Error}\", error_description=\"{Problem.Title}\", max_age={MaxAgeSeconds}";

    /// <summary>The <c>maxAge</c> of the sign-in page: the failed <c>MaxAuthAge</c> in seconds, 0 when only the method must change.</summary>
    public long MaxAgeSeconds => MaxAge is { } maxAge ? (long)maxAge.TotalSeconds : 0;

    /// <summary>The sign-in page, asking for a new passkey sign-in and returning to <paramref name="returnPath"/>.</summary>
    public string SignInLocation(string pathPrefix, string returnPath) =>
        Challenge.SignInLocation(pathPrefix, ReturnUrl.OrRoot(returnPath)) + "&maxAge=" + MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
}
