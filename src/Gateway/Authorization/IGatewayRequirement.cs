using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace PasskeyGateway.Authorization;

/// <summary>One condition of a configured policy, checked against the validated principal.</summary>
internal interface IGatewayRequirement : IAuthorizationRequirement
{
    /// <summary>Stable code reported in the 403 problem response when the condition fails.</summary>
    string FailureCode { get; }

    /// <summary>The condition in words, for <c>gateway explain</c>.</summary>
    string Condition { get; }

    bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now);
}
