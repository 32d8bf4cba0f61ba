namespace PasskeyGateway.Ceremonies.Keys;

/// <summary>
/// Why a device or biometric-key ceremony failed: expected failures, mapped to problem responses by the host
/// (one enum for both: they share their signatures, client data and challenges, DESIGN.md §4).
/// </summary>
public enum KeyCeremonyError
{
    /// <summary>A field is missing, too long, or not base64url.</summary>
    InvalidRequest,

    /// <summary>The client data is not a UTF-8 JSON object with string <c>type</c>, <c>challenge</c> and <c>origin</c>.</summary>
    ClientDataInvalid,

    /// <summary>The client data was signed for another ceremony (its <c>type</c>).</summary>
    ClientDataTypeMismatch,

    /// <summary>The client data names other ids (device key, device, key) than the request or the ceremony.</summary>
    ClientDataMismatch,

    /// <summary>Never issued, already used, issued for another purpose, session or key.</summary>
    ChallengeUnknown,

    ChallengeExpired,
    OriginMismatch,

    /// <summary>An algorithm other than RS256, PS256 and ES256.</summary>
    AlgorithmNotAllowed,

    /// <summary>The public key is not a well-formed SubjectPublicKeyInfo of the algorithm's key type.</summary>
    KeyInvalid,

    /// <summary>The key's size, exponent or curve is outside DESIGN.md §10 (RSA 2048–4096 with e = 65537, P-256).</summary>
    KeyNotAllowed,

    SignatureInvalid,

    /// <summary>The key is tied to a device, or the request names one, and the device's countersignature is missing.</summary>
    DeviceSignatureRequired,

    /// <summary>The user already has an active device with this device key id.</summary>
    DeviceExists,

    /// <summary>No device with this id, or another user's.</summary>
    DeviceUnknown,

    DeviceRevoked,

    /// <summary>The biometric key id was used before (by anyone).</summary>
    CredentialExists,

    CredentialUnknown,
    CredentialRevoked,

    /// <summary>The key belongs to another user than the one the ceremony was started for.</summary>
    CredentialUserMismatch,

    UserDisabled,
}
