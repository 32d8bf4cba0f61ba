namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Session</c>: a cookie that never travels in clear outside localhost.</summary>
internal static class SessionOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var session = options.Session;
        ConfigRules.RequirePositive(session.Lifetime, "Gateway.Session.Lifetime", problems);
        if (!session.Secure && options.PublicOrigin is not null && !(options.PublicOrigin is { Scheme: "http", Host: "localhost" }))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.Secure", "false is allowed only while PublicOrigin is http://localhost…: anywhere else the session cookie would travel in clear."));
        }

        if (!session.Secure && session.CookieName.StartsWith("__Host-", StringComparison.Ordinal))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.CookieName", "a __Host- cookie must be Secure; drop the prefix or keep Secure true."));
        }

        if (session.CookieName.Length == 0 || session.CookieName.Any(c => !ConfigRules.IsTokenChar(c)))
        {
            problems.Add(ConfigProblem.Error("Gateway.Session.CookieName", "must be a cookie name (letters, digits and !#$%&'*+-.^_`|~)."));
        }
    }
}
