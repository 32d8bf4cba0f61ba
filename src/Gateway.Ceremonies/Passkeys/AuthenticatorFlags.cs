namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>The flags byte of authenticator data (WebAuthn L3 §6.1: rpIdHash[32] ‖ flags[1] ‖ signCount[4] ‖ …).</summary>
internal readonly record struct AuthenticatorFlags(byte Value)
{
    public bool UserPresent => (Value & 0x01) != 0;

    public bool UserVerified => (Value & 0x04) != 0;

    public bool BackupEligible => (Value & 0x08) != 0;

    public bool BackupState => (Value & 0x10) != 0;

    public static AuthenticatorFlags? Read(ReadOnlySpan<byte> authenticatorData) =>
        authenticatorData.Length >= 37 ? new AuthenticatorFlags(authenticatorData[32]) : null;
}
