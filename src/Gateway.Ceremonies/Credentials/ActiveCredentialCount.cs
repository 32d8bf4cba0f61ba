namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A user's credentials that still work: every passkey (flagged ones too: a flag is evidence for policy, not a
/// revocation), and the devices and biometric keys not revoked. Kept apart because only passkeys and biometric keys
/// can sign in on their own; a bound device only raises a session.
/// </summary>
public readonly record struct ActiveCredentialCount(int Passkeys, int Devices, int BiometricKeys)
{
    public int Total => Passkeys + Devices + BiometricKeys;
}
