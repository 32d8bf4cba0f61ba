namespace PasskeyGateway.Configuration;

/// <summary>The WebAuthn relying party. Defaults come from <see cref="GatewayOptions.PublicOrigin"/>.</summary>
public sealed record RelyingPartyOptions
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    public IReadOnlyList<string> Origins { get; init; } = [];
}
