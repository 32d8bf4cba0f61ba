using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using PasskeyGateway.Authentication;
using PasskeyGateway.Configuration;

namespace PasskeyGateway.Authorization;

/// <summary>
/// Turns the configured <c>Gateway:Policies</c> into ASP.NET Core authorization policies. They name no authentication
/// scheme: "Gateway" is the default scheme and has already authenticated the request, and a policy that names it
/// makes the policy evaluator authenticate again and copy the principal on every request.
/// </summary>
internal static class GatewayPolicyCompiler
{
    public static readonly AuthorizationPolicy Authenticated = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .Build();

    public static readonly AuthorizationPolicy Deny = new AuthorizationPolicyBuilder()
        .RequireAuthenticatedUser()
        .AddRequirements(new DenyRequirement())
        .Build();

    public static FrozenDictionary<string, AuthorizationPolicy> Compile(IReadOnlyDictionary<string, PolicyOptions> policies) =>
        policies.ToFrozenDictionary(p => p.Key, p => Compile(p.Value), StringComparer.OrdinalIgnoreCase);

    public static AuthorizationPolicy Compile(PolicyOptions options)
    {
        var builder = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
        foreach (var (claimType, values) in options.Claims)
        {
            builder.AddRequirements(new ClaimValuesRequirement([claimType], values.ToFrozenSet(StringComparer.Ordinal), "claim-missing"));
        }

        if (options.Roles.Count > 0)
        {
            builder.AddRequirements(new ClaimValuesRequirement(
                [GatewayClaimTypes.Role, GatewayClaimTypes.Roles], options.Roles.ToFrozenSet(StringComparer.Ordinal), "role-missing"));
        }

        if (options.AuthMethods.Count > 0)
        {
            builder.AddRequirements(new AuthMethodRequirement(options.AuthMethods.Select(m => m.ClaimValue()).ToFrozenSet(StringComparer.Ordinal)));
        }

        if (options.KnownDevice)
        {
            builder.AddRequirements(new KnownDeviceRequirement());
        }

        if (options.MaxAuthAge is { } maxAge)
        {
            builder.AddRequirements(new MaxAuthAgeRequirement(maxAge));
        }

        return builder.Build();
    }
}
