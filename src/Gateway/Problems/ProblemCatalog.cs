using System.Collections.Frozen;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace PasskeyGateway.Problems;

/// <summary>Every problem the gateway answers with. Codes are a contract: clients match on them.</summary>
internal static class ProblemCatalog
{
    // Authentication (401)
    public static readonly GatewayProblem AuthenticationRequired = new("authentication-required", Status401Unauthorized, "Authentication is required.");
    public static readonly GatewayProblem TokenMalformed = new("token-malformed", Status401Unauthorized, "The token is not a well-formed JWT.");
    public static readonly GatewayProblem TokenExpired = new("token-expired", Status401Unauthorized, "The token has expired.");
    public static readonly GatewayProblem TokenNotYetValid = new("token-not-yet-valid", Status401Unauthorized, "The token is not valid yet.");
    public static readonly GatewayProblem TokenSignatureInvalid = new("token-signature-invalid", Status401Unauthorized, "The token's signature does not verify.");
    public static readonly GatewayProblem TokenKeyUnknown = new("token-key-unknown", Status401Unauthorized, "The token names a signing key the issuer does not publish.");
    public static readonly GatewayProblem TokenIssuerUnknown = new("token-issuer-unknown", Status401Unauthorized, "The token's issuer is not trusted.");
    public static readonly GatewayProblem TokenAudienceInvalid = new("token-audience-invalid", Status401Unauthorized, "The token is not meant for this gateway.");
    public static readonly GatewayProblem TokenAlgorithmNotAllowed = new("token-algorithm-not-allowed", Status401Unauthorized, "The token's algorithm is not accepted.");
    public static readonly GatewayProblem TokenHeaderNotAllowed = new("token-header-not-allowed", Status401Unauthorized, "The token's header carries a parameter the gateway refuses (jku, x5u, jwk, x5c, crit).");
    public static readonly GatewayProblem TokenTypeInvalid = new("token-type-invalid", Status401Unauthorized, "The token is of the wrong type for where it was presented.");
    public static readonly GatewayProblem TokenInvalid = new("token-invalid", Status401Unauthorized, "The token is not valid.");
    public static readonly GatewayProblem SessionRevoked = new("session-revoked", Status401Unauthorized, "The session has been ended.");
    public static readonly GatewayProblem CredentialRevoked = new("credential-revoked", Status401Unauthorized, "The credential used to sign in has been revoked.");
    public static readonly GatewayProblem DeviceRevoked = new("device-revoked", Status401Unauthorized, "The device has been revoked.");
    public static readonly GatewayProblem UserSessionsRevoked = new("user-sessions-revoked", Status401Unauthorized, "All sessions of this user have been ended.");

    // Authorization (403)
    public static readonly GatewayProblem Forbidden = new("forbidden", Status403Forbidden, "The route's policy does not allow this request.");

    // Routing and proxying
    public static readonly GatewayProblem NotFound = new("not-found", Status404NotFound, "No route matches this request.");
    public static readonly GatewayProblem UpstreamUnavailable = new("upstream-unavailable", Status502BadGateway, "The application behind the gateway did not answer.");
    public static readonly GatewayProblem NoHealthyDestination = new("no-healthy-destination", Status503ServiceUnavailable, "No destination of the route's cluster is available.");
    public static readonly GatewayProblem UpstreamTimeout = new("upstream-timeout", Status504GatewayTimeout, "The application behind the gateway did not answer in time.");
    public static readonly GatewayProblem InternalError = new("internal-error", Status500InternalServerError, "The gateway failed to handle the request.");

    // Requests to the gateway's own endpoints
    public static readonly GatewayProblem BodyTooLarge = new("body-too-large", Status413PayloadTooLarge, "The request body is larger than the gateway accepts.");
    public static readonly GatewayProblem InvalidRequest = new("invalid-request", Status400BadRequest, "The request is not valid.");
    public static readonly GatewayProblem UnsupportedMediaType = new("unsupported-media-type", Status415UnsupportedMediaType, "The request body must be application/json.");

    public static readonly FrozenDictionary<string, GatewayProblem> ByCode = typeof(ProblemCatalog)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(GatewayProblem))
        .Select(f => (GatewayProblem)f.GetValue(null)!)
        .ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
}
