namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A device key bound to a user. <paramref name="DeviceId"/> is assigned by the gateway; <paramref name="DeviceKeyId"/>
/// is the client's key alias, unique among the user's devices that are not revoked (so an app reinstalled after a
/// revocation can bind its alias again; revocations name the new <paramref name="DeviceId"/>, never the alias).
/// </summary>
/// <param name="PublicKey">SubjectPublicKeyInfo (DER).</param>
public sealed record BoundDevice(
    string DeviceId,
    string UserId,
    string DeviceKeyId,
    ReadOnlyMemory<byte> PublicKey,
    KeyAlgorithm Algorithm,
    SignatureFormat SignatureFormat,
    string? Name,
    string? Platform,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
