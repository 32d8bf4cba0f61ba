using Microsoft.AspNetCore.Authorization;

namespace PasskeyGateway.Authorization;

/// <summary>Evaluates every <see cref="IGatewayRequirement"/> of a policy, reporting each failure by its code.</summary>
internal sealed class GatewayRequirementHandler(TimeProvider timeProvider) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        // The policy's requirements, not the pending ones: Succeed changes the pending set while this loop runs.
        DateTimeOffset? now = null;
        foreach (var requirement in context.Requirements)
        {
            if (requirement is not IGatewayRequirement gatewayRequirement)
            {
                continue;
            }

            now ??= timeProvider.GetUtcNow();
            if (gatewayRequirement.IsSatisfiedBy(context.User, now.Value))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new RequirementFailureReason(this, gatewayRequirement));
            }
        }

        return Task.CompletedTask;
    }
}
