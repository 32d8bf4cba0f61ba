using PasskeyGateway.Problems;
using static PasskeyGateway.Problems.ProblemCatalog;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// The problems each part of a ceremony can end in, for the endpoints' OpenAPI descriptions: read off the
/// ceremonies' refusals (<see cref="CeremonyProblems"/> maps each one to its problem), so a client knows every code a
/// step can answer.
/// </summary>
internal static class CeremonyProblemSets
{
    /// <summary>
    /// <see cref="CeremonyRunner"/>, around every ceremony step: the rate limits, the JSON body, and the stores the
    /// ceremonies run on.
    /// </summary>
    public static readonly IReadOnlyList<GatewayProblem> Frame =
        [RateLimited, .. ProblemSets.JsonBody, ChallengeStoreUnavailable, .. ProblemSets.Store];

    /// <summary>A step that runs in the caller's gateway session (<see cref="CeremonySteps.RunInSessionAsync{TRequest}"/>).</summary>
    public static readonly IReadOnlyList<GatewayProblem> InSession = [AuthenticationRequired];

    /// <summary>A passkey response's challenge, taken back from the store, and the client data that carries it.</summary>
    public static readonly IReadOnlyList<GatewayProblem> PasskeyChallenge = [CredentialMalformed, ChallengeInvalid, ChallengeExpired];

    /// <summary>
    /// Fido2's verification of a registration, and the gateway's own rules on the new passkey: attestation, authenticator
    /// model, discoverability, a credential id not yet registered.
    /// </summary>
    public static readonly IReadOnlyList<GatewayProblem> NewPasskey =
    [
        .. PasskeyChallenge, ChallengeMismatch, OriginMismatch, RelyingPartyMismatch, SignatureInvalid, UserPresenceRequired,
        UserVerificationRequired, BackupFlagsInvalid, AttestationInvalid, AttestationUntrusted, AuthenticatorNotAllowed,
        AlgorithmNotAllowed, CredentialExists, CredentialNotDiscoverable,
    ];

    /// <summary>Fido2's verification of an assertion, and the passkey's own state (unknown, another account's, suspended).</summary>
    public static readonly IReadOnlyList<GatewayProblem> PasskeyAssertion =
    [
        .. PasskeyChallenge, CredentialUnknown, CredentialUserMismatch, CredentialFlagged, ChallengeMismatch, OriginMismatch,
        RelyingPartyMismatch, SignatureInvalid, UserPresenceRequired, UserVerificationRequired, SignCountRegression,
        BackupFlagsInvalid, AccountDisabled,
    ];

    /// <summary>A new device or biometric public key: its algorithm, signature format and SubjectPublicKeyInfo.</summary>
    public static readonly IReadOnlyList<GatewayProblem> NewPublicKey = [InvalidRequest, AlgorithmNotAllowed, KeyInvalid, KeyNotAllowed];

    /// <summary>
    /// A signed client data document of a device or biometric-key ceremony: base64url fields, the document, its type,
    /// the challenge it answers and its origin; the ids it names, and the signature.
    /// </summary>
    public static readonly IReadOnlyList<GatewayProblem> SignedClientData =
        [InvalidRequest, ClientDataInvalid, ClientDataTypeMismatch, ChallengeInvalid, ChallengeExpired, OriginMismatch, ClientDataMismatch, SignatureInvalid];

    /// <summary>A bound device named by the request: the caller's, and not revoked.</summary>
    public static readonly IReadOnlyList<GatewayProblem> BoundDevice = [DeviceUnknown, DeviceRevoked];
}
