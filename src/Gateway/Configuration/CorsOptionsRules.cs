namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Cors</c> and <c>Gateway:WebSockets</c>: real origins, and no wildcard where credentials travel.</summary>
internal static class CorsOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        for (var i = 0; i < options.WebSockets.AllowedOrigins.Count; i++)
        {
            if (!IsOrigin(options.WebSockets.AllowedOrigins[i]))
            {
                problems.Add(ConfigProblem.Error($"Gateway.WebSockets.AllowedOrigins[{i}]", "must be an origin: scheme, host and port only (https://chat.example.com)."));
            }
        }

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
                else if (!IsOrigin(origin))
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

    /// <summary>An http(s) origin as browsers send it in <c>Origin</c>: scheme, host and port, nothing after.</summary>
    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
}
