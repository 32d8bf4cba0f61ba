namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>A sign-in assertion that verified against the stored credential.</summary>
public sealed record VerifiedAssertion(byte[] CredentialId, uint SignCount, bool BackupEligible, bool BackupState, bool UserVerified);
