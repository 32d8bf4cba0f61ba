namespace PasskeyGateway.Ceremonies;

/// <summary>
/// Why a ceremony failed — passkeys, devices, biometric keys alike: expected failures, each mapped to one problem
/// response by the host. One enum for every ceremony, as the ceremonies share their challenges, client data and
/// credentials and so their ways to fail.
/// </summary>
public enum CeremonyError
{
    /// <summary>A field of the request is missing, too long, not base64url, or not of its kind.</summary>
    InvalidRequest,

    /// <summary>The body is not a <c>PublicKeyCredential</c> JSON, or its binary fields are not valid base64url or CBOR.</summary>
    CredentialMalformed,

    /// <summary>The client data is not a UTF-8 JSON object with string <c>type</c>, <c>challenge</c> and <c>origin</c>.</summary>
    ClientDataInvalid,

    /// <summary>The client data was signed for another ceremony (its <c>type</c>).</summary>
    ClientDataTypeMismatch,

    /// <summary>The client data names other ids (device key, device, key) than the request or the ceremony.</summary>
    ClientDataMismatch,

    /// <summary>Never issued, already used, issued for another purpose, session, account or key.</summary>
    ChallengeUnknown,

    ChallengeExpired,

    /// <summary>The response answers another challenge than the one its client data names.</summary>
    ChallengeMismatch,

    OriginMismatch,
    RelyingPartyMismatch,
    SignatureInvalid,
    UserPresenceRequired,
    UserVerificationRequired,

    /// <summary>The signature counter did not increase: a possible cloned authenticator.</summary>
    SignCountRegression,

    /// <summary>Backup flags that cannot be (BS without BE) or that changed eligibility since registration.</summary>
    BackupFlagsInvalid,

    AttestationInvalid,
    AttestationUntrusted,

    /// <summary>The authenticator model is denied by AAGUID lists or by its metadata status (revoked, compromised).</summary>
    AuthenticatorNotAllowed,

    /// <summary>An algorithm the gateway does not accept (for device keys: other than RS256, PS256 and ES256).</summary>
    AlgorithmNotAllowed,

    /// <summary>The public key is not a well-formed SubjectPublicKeyInfo of the algorithm's key type.</summary>
    KeyInvalid,

    /// <summary>The key's size, exponent or curve is outside the rules (RSA 2048–4096 with e = 65537, P-256).</summary>
    KeyNotAllowed,

    /// <summary>The credential id (a passkey's, a biometric key's) is registered already.</summary>
    CredentialExists,

    CredentialUnknown,
    CredentialRevoked,

    /// <summary>The credential belongs to another user than the one the ceremony was started for.</summary>
    CredentialUserMismatch,

    /// <summary>The credential was flagged (a signature counter went backwards) and cannot sign in until cleared.</summary>
    CredentialFlagged,

    /// <summary>The authenticator made a credential it cannot discover, which a sign-in without credential ids cannot use.</summary>
    CredentialNotDiscoverable,

    /// <summary>The key is tied to a device, or the request names one, and the device's countersignature is missing.</summary>
    DeviceSignatureRequired,

    /// <summary>The user already has an active device with this device key id.</summary>
    DeviceExists,

    /// <summary>No device with this id, or another user's.</summary>
    DeviceUnknown,

    DeviceRevoked,
    AccountDisabled,
    UsernameTaken,
    UsernameInvalid,

    /// <summary>A signed-in user asked to register a passkey for another account.</summary>
    UsernameNotCurrentUser,

    /// <summary>Registration is by invitation (<c>Gateway:Accounts:Registration</c> <c>invite</c>) and no one is signed in.</summary>
    RegistrationClosed,

    /// <summary>An enrollment or recovery link that is unknown, spent, voided, expired, or of a disabled account: one answer for all.</summary>
    EnrollmentLinkInvalid,
}
