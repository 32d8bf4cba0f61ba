namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Cors</c>: real origins, and no wildcard where credentials travel.</summary>
internal static class CorsOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        foreach (var (name, policy) in options.Cors)
        {
            var path = $"Gateway.Cors.{name}";
            if (name is "default" or "disable")
            {
                problems.Add(ConfigProblem.Error(path, "'default' and 'disable' are YARP's own CorsPolicy values; name the policy otherwise."));
            }

            if (policy.Origins.Count == 0)
            {
                problems.Add(ConfigProblem.Error(path + ".Origins", "name at least one origin (https://app.example.com) or \"*\"."));
            }

            for (var i = 0; i < policy.Origins.Count; i++)
            {
                var origin = policy.Origins[i];
                if (origin == "*")
                {
                    if (policy.AllowCredentials)
                    {
                        problems.Add(ConfigProblem.Error($"{path}.Origins[{i}]", "\"*\" cannot go with AllowCredentials: any site's page could then act with the user's session."));
                    }
                }
                else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                    || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/') || uri.PathAndQuery != "/")
                {
                    problems.Add(ConfigProblem.Error($"{path}.Origins[{i}]", "must be an origin: scheme, host and port only (https://app.example.com)."));
                }
            }

            if (policy.MaxAge is { } maxAge && (maxAge < TimeSpan.Zero || maxAge > TimeSpan.FromDays(1)))
            {
                problems.Add(ConfigProblem.Error(path + ".MaxAge", "must be between 0 and 1.00:00:00."));
            }
        }
    }
}
