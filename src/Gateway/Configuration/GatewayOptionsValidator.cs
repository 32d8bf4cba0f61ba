namespace PasskeyGateway.Configuration;

/// <summary>
/// Checks the normalized <c>Gateway</c> section, one rule set per section. Every rule runs, none short-circuits, so
/// one run reports every problem (like YARP's ConfigValidator). Insecure combinations are errors, not warnings.
/// </summary>
internal static class GatewayOptionsValidator
{
    public static void Validate(GatewayOptions options, ICollection<ConfigProblem> problems)
    {
        GatewayOptionsRules.Validate(options, problems);
        RelyingPartyOptionsRules.Validate(options, problems);
        DeviceOptionsRules.Validate(options, problems);
        TokenOptionsRules.Validate(options, problems);
        SessionOptionsRules.Validate(options, problems);
        AccountOptionsRules.Validate(options, problems);
        CorsOptionsRules.Validate(options, problems);
        PasskeyOptionsRules.Validate(options, problems);
        ExternalIssuerOptionsRules.Validate(options, problems);
        PolicyOptionsRules.Validate(options, problems);
        IdentityHeaderRules.Validate(options, problems);
        RedisOptionsRules.Validate(options, problems);
        RevocationOptionsRules.Validate(options, problems);
        StoreOptionsRules.Validate(options, problems);
        LimitsOptionsRules.Validate(options, problems);
        PageOptionsRules.Validate(options, problems);
    }
}
