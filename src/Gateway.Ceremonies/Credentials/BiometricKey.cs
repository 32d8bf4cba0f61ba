namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A mobile app's biometric-protected key. <paramref name="KeyId"/> is chosen by the client and unique across the
/// gateway for ever, revoked keys included: a revocation names the key id, so a reused id would inherit it.
/// </summary>
/// <param name="DeviceId">The bound device (of the same user) whose countersignature the key needs, if any.</param>
/// <param name="PublicKey">SubjectPublicKeyInfo (DER).</param>
public sealed record BiometricKey(
    string KeyId,
    string UserId,
    string? DeviceId,
    ReadOnlyMemory<byte> PublicKey,
    KeyAlgorithm Algorithm,
    SignatureFormat SignatureFormat,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
