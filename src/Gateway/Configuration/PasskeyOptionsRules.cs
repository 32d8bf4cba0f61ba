using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Configuration;

/// <summary>The rules of <c>Gateway:Passkeys</c>. The binder has already refused values that are no choice of theirs.</summary>
internal static class PasskeyOptionsRules
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        var passkeys = options.Passkeys;
        ConfigRules.RequirePositive(passkeys.ChallengeLifetime, "Gateway.Passkeys.ChallengeLifetime", problems);
        if (passkeys.Attestation == AttestationMode.Require && (passkeys.MetadataBlob is null || passkeys.MetadataRoot is null))
        {
            problems.Add(ConfigProblem.Error("Gateway.Passkeys.Attestation", "'require' needs MetadataBlob and MetadataRoot: without metadata no attestation can be trusted."));
        }

        ConfigRules.RequireFileIfSet(passkeys.MetadataBlob, "Gateway.Passkeys.MetadataBlob", problems);
        ConfigRules.RequireFileIfSet(passkeys.MetadataRoot, "Gateway.Passkeys.MetadataRoot", problems);
    }
}
