using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A passkey that passed registration, with what is stored about it.</summary>
public sealed record RegisteredPasskey(
    byte[] CredentialId,
    byte[] PublicKeyCose,
    uint SignCount,
    Guid Aaguid,
    IReadOnlyList<string> Transports,
    bool BackupEligible,
    bool BackupState,
    bool UserVerified,
    string AttestationFormat,
    AttestationTrust Trust)
{
    /// <summary>The client's credProps answer: whether the authenticator can find the credential without its id; <c>null</c> when it did not say.</summary>
    public bool? Discoverable { get; init; }
}
