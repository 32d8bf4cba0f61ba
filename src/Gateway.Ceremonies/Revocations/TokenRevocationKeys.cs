namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// The ids of a self-issued token that a revocation can name, read once when the token is validated.
/// <paramref name="AccountVersion"/> is the token's <c>ver</c>: 1 for tokens minted before accounts had versions.
/// </summary>
public readonly record struct TokenRevocationKeys(
    string Subject,
    string? SessionId,
    string? CredentialId,
    string? DeviceId,
    DateTimeOffset AuthenticatedAt,
    long AccountVersion = 1);
