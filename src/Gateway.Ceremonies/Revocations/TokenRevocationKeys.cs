namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>The ids of a self-issued token that a revocation can name, read once when the token is validated.</summary>
public readonly record struct TokenRevocationKeys(
    string Subject,
    string? SessionId,
    string? CredentialId,
    string? DeviceId,
    DateTimeOffset AuthenticatedAt);
