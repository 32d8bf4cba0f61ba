namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>Why a passkey ceremony failed: expected failures, mapped to problem responses by the host.</summary>
public enum PasskeyError
{
    /// <summary>The body is not a PublicKeyCredential JSON, or its binary fields are not valid base64url or CBOR.</summary>
    Malformed,

    ChallengeUnknown,
    ChallengeExpired,
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

    AlgorithmNotAllowed,
    CredentialExists,
    CredentialUnknown,
    CredentialRevoked,

    /// <summary>The credential belongs to another user than the one signing in.</summary>
    CredentialUserMismatch,

    /// <summary>The credential was flagged (a signature counter went backwards) and cannot sign in until cleared.</summary>
    CredentialFlagged,

    UserDisabled,
    UsernameTaken,
    UsernameInvalid,

    /// <summary>A signed-in user asked to register a passkey for another account.</summary>
    UsernameNotCurrentUser,

    /// <summary>The authenticator made a credential it cannot discover, which a sign-in without credential ids cannot use.</summary>
    CredentialNotDiscoverable,
}
