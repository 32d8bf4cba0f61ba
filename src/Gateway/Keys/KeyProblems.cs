using PasskeyGateway.Ceremonies.Keys;
using PasskeyGateway.Problems;

namespace PasskeyGateway.Keys;

/// <summary>The problem response of each device and biometric-key ceremony failure.</summary>
internal static class KeyProblems
{
    public static GatewayProblem For(KeyCeremonyError error) => error switch
    {
        KeyCeremonyError.InvalidRequest => ProblemCatalog.InvalidRequest,
        KeyCeremonyError.ClientDataInvalid => ProblemCatalog.ClientDataInvalid,
        KeyCeremonyError.ClientDataTypeMismatch => ProblemCatalog.ClientDataTypeMismatch,
        KeyCeremonyError.ClientDataMismatch => ProblemCatalog.ClientDataMismatch,
        KeyCeremonyError.ChallengeUnknown => ProblemCatalog.ChallengeInvalid,
        KeyCeremonyError.ChallengeExpired => ProblemCatalog.ChallengeExpired,
        KeyCeremonyError.OriginMismatch => ProblemCatalog.OriginMismatch,
        KeyCeremonyError.AlgorithmNotAllowed => ProblemCatalog.AlgorithmNotAllowed,
        KeyCeremonyError.KeyInvalid => ProblemCatalog.KeyInvalid,
        KeyCeremonyError.KeyNotAllowed => ProblemCatalog.KeyNotAllowed,
        KeyCeremonyError.SignatureInvalid => ProblemCatalog.SignatureInvalid,
        KeyCeremonyError.DeviceSignatureRequired => ProblemCatalog.DeviceSignatureRequired,
        KeyCeremonyError.DeviceExists => ProblemCatalog.DeviceExists,
        KeyCeremonyError.DeviceUnknown => ProblemCatalog.DeviceUnknown,
        KeyCeremonyError.DeviceRevoked => ProblemCatalog.DeviceRevoked,
        KeyCeremonyError.CredentialExists => ProblemCatalog.CredentialExists,
        KeyCeremonyError.CredentialUnknown => ProblemCatalog.CredentialUnknown,
        KeyCeremonyError.CredentialRevoked => ProblemCatalog.CredentialRevoked,
        KeyCeremonyError.CredentialUserMismatch => ProblemCatalog.CredentialUserMismatch,
        KeyCeremonyError.UserDisabled => ProblemCatalog.UserDisabled,
        _ => ProblemCatalog.InvalidRequest,
    };

}
