using Microsoft.AspNetCore.Authorization;
using PasskeyGateway.Configuration;
using PasskeyGateway.Proxy;

namespace PasskeyGateway.Authorization;

/// <summary>
/// Policies by name from the live configuration snapshot, so a reload changes them together with the routes.
/// Default and fallback policies are "authenticated": a route without a policy is never anonymous. A name the live
/// snapshot no longer knows (a route of the previous snapshot still draining) gets a policy that denies, not a 500.
/// </summary>
internal sealed class GatewayAuthorizationPolicyProvider(GatewayConfigAccessor config) : IAuthorizationPolicyProvider
{
    private static readonly Task<AuthorizationPolicy?> Authenticated = Task.FromResult<AuthorizationPolicy?>(GatewayPolicyCompiler.Authenticated);
    private static readonly Task<AuthorizationPolicy?> NoPolicy = Task.FromResult<AuthorizationPolicy?>(null);
    private static readonly Task<AuthorizationPolicy?> Deny = Task.FromResult<AuthorizationPolicy?>(GatewayPolicyCompiler.Deny);

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => Task.FromResult(GatewayPolicyCompiler.Authenticated);

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => Authenticated;

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (config.Current.Policies.TryGetValue(policyName, out var policy))
        {
            return Task.FromResult<AuthorizationPolicy?>(policy);
        }

        // YARP asks for "anonymous" and "default" to make sure no registered policy shadows its reserved names.
        return RoutePolicyNames.IsBuiltIn(policyName) ? NoPolicy : Deny;
    }
}
