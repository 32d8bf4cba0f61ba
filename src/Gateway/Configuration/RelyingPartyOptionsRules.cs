namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:RelyingParty</c>.</summary>
internal static class RelyingPartyOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var rp = options.RelyingParty;
        if (options.PublicOrigin is { } origin && rp.Id.Length > 0
            && !(origin.Host.Equals(rp.Id, StringComparison.OrdinalIgnoreCase)
                 || origin.Host.EndsWith("." + rp.Id, StringComparison.OrdinalIgnoreCase)))
        {
            // WebAuthn L3 §5.1.3: the RP ID must be the origin's effective domain or a registrable suffix of it.
            problems.Add(ConfigProblem.Error("Gateway.RelyingParty.Id", $"'{rp.Id}' is neither the public origin's host nor a parent domain of it."));
        }

        for (var i = 0; i < rp.Origins.Count; i++)
        {
            if (!ConfigRules.IsWebOrAppOrigin(rp.Origins[i]))
            {
                problems.Add(ConfigProblem.Error($"Gateway.RelyingParty.Origins[{i}]", "must be an http(s) origin or an android:apk-key-hash:/ios:bundle-id: app origin."));
            }
        }
    }
}
