namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>What the attestation statement proved when the passkey was registered (DESIGN.md §10, <c>Passkeys:Attestation</c>).</summary>
public enum AttestationTrust
{
    /// <summary>No attestation was asked for or given (<c>none</c> format, or self attestation not checked).</summary>
    None,

    /// <summary>A valid statement that does not chain to a metadata root.</summary>
    Untrusted,

    /// <summary>A valid statement that chains to a metadata root.</summary>
    Trusted,
}
