namespace PasskeyGateway.Ceremonies.Revocations;

/// <summary>
/// A revoked session, credential, device or user. <paramref name="ExpiresAt"/> is when no token that it could refuse
/// is still valid (the longest session lifetime after <paramref name="RevokedAt"/>), so it can be forgotten after it.
/// </summary>
public sealed record Revocation(RevocationKind Kind, string Id, DateTimeOffset RevokedAt, DateTimeOffset ExpiresAt);
