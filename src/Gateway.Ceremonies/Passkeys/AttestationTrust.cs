namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>What the gateway could establish about a passkey's attestation at registration.</summary>
public enum AttestationTrust
{
    /// <summary>No attestation statement (format "none").</summary>
    None,

    /// <summary>A valid statement that does not chain to a metadata root (self, surrogate, unknown authenticator).</summary>
    Untrusted,

    /// <summary>A valid statement chaining to a root of the authenticator's metadata statement.</summary>
    Trusted,
}
