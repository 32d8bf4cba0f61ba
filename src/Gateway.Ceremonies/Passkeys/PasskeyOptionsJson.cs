namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>The options to hand to the browser, as WebAuthn L3 JSON, and when their challenge expires.</summary>
public sealed record PasskeyOptionsJson(string Json, DateTimeOffset ExpiresAt);
