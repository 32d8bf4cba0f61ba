using Microsoft.AspNetCore.Authorization;

namespace PasskeyGateway.Authorization;

/// <summary>
/// A condition that failed: its code is the message (the 403 answer's <c>reasons</c>), and the requirement stays
/// with it so the answer can tell a refusal from a step-up (<see cref="StepUp"/>).
/// </summary>
internal sealed class RequirementFailureReason(IAuthorizationHandler handler, IGatewayRequirement requirement)
    : AuthorizationFailureReason(handler, requirement.FailureCode)
{
    public IGatewayRequirement Requirement { get; } = requirement;
}
