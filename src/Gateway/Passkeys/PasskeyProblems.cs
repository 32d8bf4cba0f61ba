using PasskeyGateway.Ceremonies.Passkeys;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Passkeys;

/// <summary>The problem response of each passkey ceremony failure.</summary>
internal static class PasskeyProblems
{
    public static GatewayProblem For(PasskeyError error) => error switch
    {
        PasskeyError.Malformed => ProblemCatalog.CredentialMalformed,
        PasskeyError.ChallengeUnknown => ProblemCatalog.ChallengeInvalid,
        PasskeyError.ChallengeExpired => ProblemCatalog.ChallengeExpired,
        PasskeyError.ChallengeMismatch => ProblemCatalog.ChallengeMismatch,
        PasskeyError.OriginMismatch => ProblemCatalog.OriginMismatch,
        PasskeyError.RelyingPartyMismatch => ProblemCatalog.RelyingPartyMismatch,
        PasskeyError.SignatureInvalid => ProblemCatalog.SignatureInvalid,
        PasskeyError.UserPresenceRequired => ProblemCatalog.UserPresenceRequired,
        PasskeyError.UserVerificationRequired => ProblemCatalog.UserVerificationRequired,
        PasskeyError.SignCountRegression => ProblemCatalog.SignCountRegression,
        PasskeyError.BackupFlagsInvalid => ProblemCatalog.BackupFlagsInvalid,
        PasskeyError.AttestationInvalid => ProblemCatalog.AttestationInvalid,
        PasskeyError.AttestationUntrusted => ProblemCatalog.AttestationUntrusted,
        PasskeyError.AuthenticatorNotAllowed => ProblemCatalog.AuthenticatorNotAllowed,
        PasskeyError.AlgorithmNotAllowed => ProblemCatalog.AlgorithmNotAllowed,
        PasskeyError.CredentialExists => ProblemCatalog.CredentialExists,
        PasskeyError.CredentialUnknown => ProblemCatalog.CredentialUnknown,
        PasskeyError.CredentialRevoked => ProblemCatalog.CredentialRevoked,
        PasskeyError.CredentialUserMismatch => ProblemCatalog.CredentialUserMismatch,
        PasskeyError.CredentialFlagged => ProblemCatalog.CredentialFlagged,
        PasskeyError.UserDisabled => ProblemCatalog.UserDisabled,
        PasskeyError.UsernameTaken => ProblemCatalog.UsernameTaken,
        PasskeyError.UsernameInvalid => ProblemCatalog.UsernameInvalid,
        PasskeyError.UsernameNotCurrentUser => ProblemCatalog.UsernameNotCurrentUser,
        PasskeyError.CredentialNotDiscoverable => ProblemCatalog.CredentialNotDiscoverable,
        _ => ProblemCatalog.InvalidRequest,
    };
}
