namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Policies</c> (the binder has already refused an <c>AuthMethods</c> value that is none).</summary>
internal static class PolicyOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        foreach (var (name, policy) in options.Policies)
        {
            var path = $"Gateway.Policies.{name}";
            if (name.Equals("anonymous", StringComparison.OrdinalIgnoreCase) || name.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(ConfigProblem.Error(path, $"'{name}' is a reserved policy name."));
            }

            foreach (var (claim, values) in policy.Claims)
            {
                if (values.Count == 0 || values.Any(string.IsNullOrEmpty))
                {
                    problems.Add(ConfigProblem.Error($"{path}.Claims.{claim}", "needs at least one accepted value."));
                }
            }

            if (policy.MaxAuthAge is { } maxAge)
            {
                ConfigRules.RequirePositive(maxAge, path + ".MaxAuthAge", problems);
            }
        }
    }
}
