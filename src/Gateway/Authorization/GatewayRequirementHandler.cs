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

        var now = timeProvider.GetUtcNow();
        foreach (var requirement in context.PendingRequirements.OfType<IGatewayRequirement>().ToList())
        {
            if (requirement.IsSatisfiedBy(context.User, now))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, requirement.FailureCode));
            }
        }

        return Task.CompletedTask;
    }
}
