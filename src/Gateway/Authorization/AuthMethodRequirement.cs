using System.Security.Claims;
using PasskeyGateway.Authentication;

namespace PasskeyGateway.Authorization;

/// <summary>
/// The token's <c>auth_method</c> is one of <paramref name="Methods"/> (a policy's <c>AuthMethods</c>): a sign-in with
/// one of them meets it, so a failure asks for a step-up rather than refusing.
/// </summary>
internal sealed record AuthMethodRequirement(IReadOnlySet<string> Methods) : IStepUpRequirement
{
    private readonly ClaimValuesRequirement _claim = new([GatewayClaimTypes.AuthMethod], Methods, "auth-method-not-allowed");

    public string FailureCode => _claim.FailureCode;

    public string Condition => _claim.Condition;

    public bool IsMetByPasskeySignIn => Methods.Contains(AuthMethods.Passkey);

    public bool IsSatisfiedBy(ClaimsPrincipal user, DateTimeOffset now) => _claim.IsSatisfiedBy(user, now);
}
