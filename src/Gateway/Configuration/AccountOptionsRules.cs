namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Accounts</c>: an enrollment link lives a while, and at most a week.</summary>
internal static class AccountOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var lifetime = options.Accounts.EnrollmentLinkLifetime;
        ConfigRules.RequirePositive(lifetime, "Gateway.Accounts.EnrollmentLinkLifetime", problems);
        if (lifetime > AccountOptions.MaxEnrollmentLinkLifetime)
        {
            problems.Add(ConfigProblem.Error("Gateway.Accounts.EnrollmentLinkLifetime", "must be at most 7.00:00:00: a link is a password until it is spent."));
        }
    }
}
