namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>How an ES256 signature is encoded (DESIGN.md §4). Stored by member name.</summary>
public enum SignatureFormat
{
    /// <summary>ASN.1 DER sequence, as Android and iOS produce (RFC 3279).</summary>
    Der,

    /// <summary>Raw r‖s, as WebCrypto produces (IEEE P1363).</summary>
    Raw,
}
