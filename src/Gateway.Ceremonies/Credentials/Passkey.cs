namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>A registered WebAuthn credential. <paramref name="CredentialId"/> is unique across every user.</summary>
/// <param name="PublicKey">The COSE_Key from the attested credential data, as stored by the authenticator.</param>
/// <param name="Transports">The transports the browser reported (<c>internal</c>, <c>hybrid</c>, <c>usb</c>, …).</param>
/// <param name="FlagReason">Set when the passkey was flagged (e.g. a sign-count regression); <c>null</c> otherwise.</param>
public sealed record Passkey(
    ReadOnlyMemory<byte> CredentialId,
    string UserId,
    ReadOnlyMemory<byte> PublicKey,
    uint SignCount,
    Guid Aaguid,
    IReadOnlyList<string> Transports,
    bool BackupEligible,
    bool BackupState,
    string AttestationFormat,
    AttestationTrust AttestationTrust,
    string? Nickname,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? FlaggedAt,
    string? FlagReason)
{
    public bool IsFlagged => FlagReason is not null;
}
