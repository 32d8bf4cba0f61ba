using System.Net;

namespace PasskeyGateway.Configuration;

/// <summary>The rules of the <c>Gateway</c> section's own settings: the public origin, the path prefix, the trusted proxies.</summary>
internal static class GatewayOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        ValidateOrigin(options, problems);
        if (options.PathPrefix.Length < 2 || options.PathPrefix[0] != '/' || options.PathPrefix.Contains("//", StringComparison.Ordinal)
            || options.PathPrefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_')))
        {
            problems.Add(ConfigProblem.Error("Gateway.PathPrefix", "must be a path such as /.auth (letters, digits, '.', '-', '_')."));
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            var entry = options.TrustedProxies[i];
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                problems.Add(ConfigProblem.Error($"Gateway.TrustedProxies[{i}]", $"'{entry}' is neither an IP address nor a CIDR range."));
            }
        }
    }

    private static void ValidateOrigin(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        const string path = "Gateway.PublicOrigin";
        if (options.PublicOrigin is not { } origin)
        {
            problems.Add(ConfigProblem.Error(path, "required: the origin browsers use to reach the gateway, e.g. https://app.example.com."));
            return;
        }

        if (origin.Scheme is not ("https" or "http") || origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0)
        {
            problems.Add(ConfigProblem.Error(path, "must be an http(s) origin without path, query or fragment."));
        }
        else if (origin.Scheme == "http" && !origin.IsLoopback)
        {
            problems.Add(ConfigProblem.Warning(path, "is plain http: browsers only allow passkeys and Secure cookies over https (or on localhost)."));
        }
    }
}
