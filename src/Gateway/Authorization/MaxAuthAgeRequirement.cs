using System.Globalization;
using System.Security.Claims;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.Authorization;

/// <summary>
/// The user authenticated (<c>auth_time</c>) at most <paramref name="MaxAge"/> ago: any new sign-in meets it, so a
/// failure asks for a step-up with <c>max_age</c> (RFC 9470 §3).
/// </summary>
internal sealed record MaxAuthAgeRequirement(TimeSpan MaxAge) : IStepUpRequirement
{
    public string FailureCode => "reauthentication-required";

    public string Condition => "signed in within " + MaxAge.ToString("c", CultureInfo.InvariantCulture);

    public bool IsMetByPasskeySignIn => true;

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now)
    {
        var authTime = user.FindFirst(GatewayClaimTypes.AuthTime)?.Value;
        return long.TryParse(authTime, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
               && now - DateTimeOffset.FromUnixTimeSeconds(seconds) <= MaxAge;
    }
}
