using static PasskeyGateway.Problems.ProblemCatalog;

namespace PasskeyGateway.Problems;

/// <summary>Problems that come together, named once for the endpoints that share them (<see cref="ProblemsMetadata"/>).</summary>
internal static class ProblemSets
{
    /// <summary>
    /// The answers of an endpoint that requires authentication and did not get it: the missing identity, or why the
    /// token or cookie presented was refused (its validation and the revocation check).
    /// </summary>
    public static readonly IReadOnlyList<GatewayProblem> Authentication =
    [
        AuthenticationRequired, AuthorizationSchemeUnsupported, TokenMalformed, TokenExpired, TokenNotYetValid,
        TokenSignatureInvalid, TokenKeyUnknown, TokenIssuerUnknown, TokenAudienceInvalid, TokenAlgorithmNotAllowed,
        TokenHeaderNotAllowed, TokenTypeInvalid, TokenInvalid, SessionRevoked, CredentialRevoked, DeviceRevoked,
        UserSessionsRevoked, RevocationsStale,
    ];

    /// <summary>A JSON body read within the size limit (<c>CeremonyRequest.ReadJsonBodyAsync</c>) and then as its request type.</summary>
    public static readonly IReadOnlyList<GatewayProblem> JsonBody = [UnsupportedMediaType, BodyTooLarge, InvalidRequest];

    /// <summary>An endpoint that reads or writes the credential store: its outage is a 503 the client may retry.</summary>
    public static readonly IReadOnlyList<GatewayProblem> Store = [CredentialStoreUnavailable];
}
