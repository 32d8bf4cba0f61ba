namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// The signature algorithm of a device or biometric key (DESIGN.md §4). Stored by member name: renaming a member
/// needs a schema migration.
/// </summary>
public enum KeyAlgorithm
{
    /// <summary>RSA 2048–4096, PKCS#1 v1.5 with SHA-256.</summary>
    RS256,

    /// <summary>RSA-PSS with SHA-256, MGF1-SHA256 and a 32-byte salt.</summary>
    PS256,

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    ES256,
}
