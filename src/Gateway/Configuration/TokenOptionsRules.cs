using PasskeyGateway.Tokens;

namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Tokens</c>: issuer, audience, lifetime, and signing keys that load.</summary>
internal static class TokenOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var tokens = options.Tokens;

        // Without a public origin the issuer has no default; that problem is reported once, at PublicOrigin.
        if (options.PublicOrigin is not null && !Uri.TryCreate(tokens.Issuer, UriKind.Absolute, out _))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Issuer", "must be an absolute URI (defaults to the public origin)."));
        }

        if (string.IsNullOrWhiteSpace(tokens.Audience))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Audience", "required: the aud of the tokens the gateway mints and accepts."));
        }

        ConfigRules.RequirePositive(tokens.Lifetime, "Gateway.Tokens.Lifetime", problems);
        if (tokens.Lifetime > TimeSpan.FromDays(1))
        {
            problems.Add(ConfigProblem.Error("Gateway.Tokens.Lifetime", "must be at most one day: tokens are bearer credentials."));
        }

        if (tokens.SigningKeys.Count == 0)
        {
            problems.Add(ConfigProblem.Warning(
                "Gateway.Tokens.SigningKeys",
                $"none configured: a development key is generated under {options.DataDirectory}. Mount a PEM key for production."));
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.SigningKeys.Count; i++)
        {
            var key = tokens.SigningKeys[i];
            var path = $"Gateway.Tokens.SigningKeys[{i}]";
            if (string.IsNullOrWhiteSpace(key.Path))
            {
                problems.Add(ConfigProblem.Error(path + ".Path", "required: a PEM file with an EC P-256 or RSA private key."));
            }
            else if (!SigningKeyLoader.TryLoad(key.Path, key.Algorithm, out var loaded, out var error))
            {
                problems.Add(ConfigProblem.Error(path, error));
            }
            else if (!seen.TryAdd(loaded.KeyId, i))
            {
                // A rotation half done (the new key copied over the old file) lists one key twice; which entry signs
                // would then be a matter of order, so say it instead of starting.
                problems.Add(ConfigProblem.Error(path, $"holds the same key as Gateway.Tokens.SigningKeys[{seen[loaded.KeyId]}]: list each key once (the last one signs)."));
            }
        }
    }
}
