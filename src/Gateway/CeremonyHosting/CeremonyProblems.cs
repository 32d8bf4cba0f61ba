using PasskeyGateway.Ceremonies;
using PasskeyGateway.Problems;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>The problem response of each ceremony failure, for every ceremony: the one place errors become problems.</summary>
internal static class CeremonyProblems
{
    public static GatewayProblem For(CeremonyError error) => error switch
    {
        CeremonyError.InvalidRequest => ProblemCatalog.InvalidRequest,
        CeremonyError.CredentialMalformed => ProblemCatalog.CredentialMalformed,
        CeremonyError.ClientDataInvalid => ProblemCatalog.ClientDataInvalid,
        CeremonyError.ClientDataTypeMismatch => ProblemCatalog.ClientDataTypeMismatch,
        CeremonyError.ClientDataMismatch => ProblemCatalog.ClientDataMismatch,
        CeremonyError.ChallengeUnknown => ProblemCatalog.ChallengeInvalid,
        CeremonyError.ChallengeExpired => ProblemCatalog.ChallengeExpired,
        CeremonyError.ChallengeMismatch => ProblemCatalog.ChallengeMismatch,
        CeremonyError.OriginMismatch => ProblemCatalog.OriginMismatch,
        CeremonyError.RelyingPartyMismatch => ProblemCatalog.RelyingPartyMismatch,
        CeremonyError.SignatureInvalid => ProblemCatalog.SignatureInvalid,
        CeremonyError.UserPresenceRequired => ProblemCatalog.UserPresenceRequired,
        CeremonyError.UserVerificationRequired => ProblemCatalog.UserVerificationRequired,
        CeremonyError.SignCountRegression => ProblemCatalog.SignCountRegression,
        CeremonyError.BackupFlagsInvalid => ProblemCatalog.BackupFlagsInvalid,
        CeremonyError.AttestationInvalid => ProblemCatalog.AttestationInvalid,
        CeremonyError.AttestationUntrusted => ProblemCatalog.AttestationUntrusted,
        CeremonyError.AuthenticatorNotAllowed => ProblemCatalog.AuthenticatorNotAllowed,
        CeremonyError.AlgorithmNotAllowed => ProblemCatalog.AlgorithmNotAllowed,
        CeremonyError.KeyInvalid => ProblemCatalog.KeyInvalid,
        CeremonyError.KeyNotAllowed => ProblemCatalog.KeyNotAllowed,
        CeremonyError.CredentialExists => ProblemCatalog.CredentialExists,
        CeremonyError.CredentialUnknown => ProblemCatalog.CredentialUnknown,
        CeremonyError.CredentialRevoked => ProblemCatalog.CredentialRevoked,
        CeremonyError.CredentialUserMismatch => ProblemCatalog.CredentialUserMismatch,
        CeremonyError.CredentialFlagged => ProblemCatalog.CredentialFlagged,
        CeremonyError.CredentialNotDiscoverable => ProblemCatalog.CredentialNotDiscoverable,
        CeremonyError.DeviceSignatureRequired => ProblemCatalog.DeviceSignatureRequired,
        CeremonyError.DeviceExists => ProblemCatalog.DeviceExists,
        CeremonyError.DeviceUnknown => ProblemCatalog.DeviceUnknown,
        CeremonyError.DeviceRevoked => ProblemCatalog.DeviceRevoked,
        CeremonyError.AccountDisabled => ProblemCatalog.AccountDisabled,
        CeremonyError.UsernameTaken => ProblemCatalog.UsernameTaken,
        CeremonyError.UsernameInvalid => ProblemCatalog.UsernameInvalid,
        CeremonyError.UsernameNotCurrentUser => ProblemCatalog.UsernameNotCurrentUser,
        CeremonyError.RegistrationClosed => ProblemCatalog.RegistrationClosed,
        CeremonyError.EnrollmentLinkInvalid => ProblemCatalog.EnrollmentLinkInvalid,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "A ceremony error without a problem: add it here."),
    };
}
