using System.Security.Claims;

namespace PasskeyGateway.Authorization;

/// <summary>Never satisfied: stands in for a policy name that the live configuration does not know (fail closed).</summary>
internal sealed record DenyRequirement : IGatewayRequirement
{
    public string FailureCode => "policy-unknown";

    public string Condition => "a policy the live configuration defines";

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now) => false;
}
