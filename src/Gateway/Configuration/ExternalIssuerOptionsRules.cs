namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:ExternalIssuers</c>: issuers and their keys fetched safely, asymmetric algorithms only.</summary>
internal static class ExternalIssuerOptionsRules
{
    /// <summary>Asymmetric algorithms only: HMAC would let anyone holding a public key forge tokens.</summary>
    internal static readonly IReadOnlySet<string> ExternalAlgorithms = new SortedSet<string>(StringComparer.Ordinal)
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    };

    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ExternalIssuers.Count; i++)
        {
            var issuer = options.ExternalIssuers[i];
            var path = $"Gateway.ExternalIssuers[{i}]";
            if (!Uri.TryCreate(issuer.Issuer, UriKind.Absolute, out var issuerUri))
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "required: the issuer's absolute URI, exactly as in its tokens' iss."));
            }
            else if (issuer.Issuer == options.Tokens.Issuer)
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "is the gateway's own issuer."));
            }
            else if (!seen.Add(issuer.Issuer!))
            {
                problems.Add(ConfigProblem.Error(path + ".Issuer", "is listed twice."));
            }

            if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add(ConfigProblem.Error(path + ".Audiences", "required: the audiences this gateway accepts from that issuer."));
            }

            var metadata = issuer.MetadataAddress ?? (issuerUri is null ? null : new Uri(issuerUri.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration"));
            if (issuer.RequireHttpsMetadata && metadata is { Scheme: not "https" })
            {
                problems.Add(ConfigProblem.Error(path + ".MetadataAddress", "must be https (set RequireHttpsMetadata false only for a loopback or development identity provider)."));
            }

            if (!issuer.RequireHttpsMetadata && metadata is { IsLoopback: false })
            {
                problems.Add(ConfigProblem.Warning(path + ".RequireHttpsMetadata", "false for an identity provider that is not on loopback: its keys can be tampered with in transit."));
            }

            for (var a = 0; a < issuer.Algorithms.Count; a++)
            {
                if (!ExternalAlgorithms.Contains(issuer.Algorithms[a]))
                {
                    problems.Add(ConfigProblem.Error($"{path}.Algorithms[{a}]", $"'{issuer.Algorithms[a]}' is not an accepted algorithm; use {string.Join(", ", ExternalAlgorithms)}."));
                }
            }

            ConfigRules.RequirePositive(issuer.KeyRefreshInterval, path + ".KeyRefreshInterval", problems);
        }
    }
}
