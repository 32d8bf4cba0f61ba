using System.Globalization;
using System.Security.Claims;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.Authorization;

/// <summary>The user authenticated (<c>auth_time</c>) at most <paramref name="MaxAge"/> ago.</summary>
internal sealed record MaxAuthAgeRequirement(TimeSpan MaxAge) : IGatewayRequirement
{
    public string FailureCode => "reauthentication-required";

    public string Condition => "signed in within " + MaxAge.ToString("c", CultureInfo.InvariantCulture);

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now)
    {
        var authTime = user.FindFirst(GatewayClaimTypes.AuthTime)?.Value;
        return long.TryParse(authTime, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
               && now - DateTimeOffset.FromUnixTimeSeconds(seconds) <= MaxAge;
    }
}
