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
    public static readonly GatewayProblem RevocationsStale = new("revocations-stale", Status503ServiceUnavailable, "This replica cannot vouch that the session is still valid: it has heard no revocations for too long. Try again shortly.");
    public static readonly GatewayProblem AuthorizationSchemeUnsupported = new("authorization-scheme-unsupported", Status401Unauthorized, "The Authorization header must carry a bearer token.");

    // Step-up (RFC 9470): the route's policy asks for a new sign-in; the codes are the failed conditions' own.
    public static readonly GatewayProblem ReauthenticationRequired = new("reauthentication-required", Status401Unauthorized, "A more recent sign-in is required.");
    public static readonly GatewayProblem AuthMethodNotAllowed = new("auth-method-not-allowed", Status401Unauthorized, "A sign-in with another method is required.");

    // Authorization (403)
    public static readonly GatewayProblem Forbidden = new("forbidden", Status403Forbidden, "The route's policy does not allow this request.");
    public static readonly GatewayProblem CsrfOriginMismatch = new("csrf-origin-mismatch", Status403Forbidden, "The request was sent from another site's page; it was refused to protect your session.");

    // Forward auth (/.auth/verify): the proxy asking, and the request it describes
    public static readonly GatewayProblem UntrustedProxy = new("untrusted-proxy", Status403Forbidden, "Only a proxy listed in Gateway:TrustedProxies may ask the gateway for a decision.");
    public static readonly GatewayProblem NoRoute = new("no-route", Status403Forbidden, "No route of the gateway matches the described request.");
    public static readonly GatewayProblem HostNotServed = new("host-not-served", Status403Forbidden, "The described request is for a host whose sign-in this gateway does not serve.");
    public static readonly GatewayProblem ForwardedRequestInvalid = new("forwarded-request-invalid", Status400BadRequest, "The proxy's description of the original request is missing, duplicated or contradictory.");

    // Routing and proxying
    public static readonly GatewayProblem NotFound = new("not-found", Status404NotFound, "No route matches this request.");
    public static readonly GatewayProblem PathAmbiguous = new("path-ambiguous", Status400BadRequest, "The request path would be read differently by the application than by the gateway.");
    public static readonly GatewayProblem RateLimited = new("rate-limited", Status429TooManyRequests, "Too many attempts; try again later.");
    public static readonly GatewayProblem UpstreamUnavailable = new("upstream-unavailable", Status502BadGateway, "The application behind the gateway did not answer.");
    public static readonly GatewayProblem NoHealthyDestination = new("no-healthy-destination", Status503ServiceUnavailable, "No destination of the route's cluster is available.");
    public static readonly GatewayProblem UpstreamTimeout = new("upstream-timeout", Status504GatewayTimeout, "The application behind the gateway did not answer in time.");
    public static readonly GatewayProblem InternalError = new("internal-error", Status500InternalServerError, "The gateway failed to handle the request.");

    // Requests to the gateway's own endpoints
    public static readonly GatewayProblem BodyTooLarge = new("body-too-large", Status413PayloadTooLarge, "The request body is larger than the gateway accepts.");
    public static readonly GatewayProblem InvalidRequest = new("invalid-request", Status400BadRequest, "The request is not valid.");
    public static readonly GatewayProblem UnsupportedMediaType = new("unsupported-media-type", Status415UnsupportedMediaType, "The request body must be application/json.");

    // Ceremonies
    public static readonly GatewayProblem ChallengeStoreUnavailable = new("challenge-store-unavailable", Status503ServiceUnavailable, "Sign-in is unavailable for a moment; try again shortly.");
    public static readonly GatewayProblem CredentialStoreUnavailable = new("credential-store-unavailable", Status503ServiceUnavailable, "Accounts and credentials are unavailable for a moment; try again shortly.");
    public static readonly GatewayProblem ChallengeInvalid = new("challenge-invalid", Status400BadRequest, "The challenge is unknown or was already used; start again.");
    public static readonly GatewayProblem ChallengeExpired = new("challenge-expired", Status400BadRequest, "The challenge has expired; start again.");
    public static readonly GatewayProblem ChallengeMismatch = new("challenge-mismatch", Status400BadRequest, "The response answers another challenge.");
    public static readonly GatewayProblem OriginMismatch = new("origin-mismatch", Status400BadRequest, "The response comes from an origin this gateway does not serve.");
    public static readonly GatewayProblem RelyingPartyMismatch = new("rp-id-mismatch", Status400BadRequest, "The credential is scoped to another relying party.");
    public static readonly GatewayProblem CredentialMalformed = new("credential-malformed", Status400BadRequest, "The credential response is not well-formed.");
    public static readonly GatewayProblem SignatureInvalid = new("signature-invalid", Status401Unauthorized, "The signature does not verify.");
    public static readonly GatewayProblem UserPresenceRequired = new("user-presence-required", Status400BadRequest, "The authenticator did not confirm the user's presence.");
    public static readonly GatewayProblem UserVerificationRequired = new("user-verification-required", Status401Unauthorized, "The authenticator did not verify the user (PIN or biometrics).");
    public static readonly GatewayProblem SignCountRegression = new("sign-count-regression", Status401Unauthorized, "The authenticator's counter went backwards; the passkey has been suspended.");
    public static readonly GatewayProblem BackupFlagsInvalid = new("backup-flags-invalid", Status400BadRequest, "The authenticator's backup flags are inconsistent.");
    public static readonly GatewayProblem AttestationInvalid = new("attestation-invalid", Status400BadRequest, "The attestation statement does not verify.");
    public static readonly GatewayProblem AttestationUntrusted = new("attestation-untrusted", Status403Forbidden, "The authenticator's attestation is not trusted here.");
    public static readonly GatewayProblem AuthenticatorNotAllowed = new("authenticator-not-allowed", Status403Forbidden, "This authenticator model is not allowed here.");
    public static readonly GatewayProblem AlgorithmNotAllowed = new("algorithm-not-allowed", Status400BadRequest, "The credential uses an algorithm this gateway does not accept.");
    public static readonly GatewayProblem CredentialExists = new("credential-exists", Status409Conflict, "This credential is already registered.");
    public static readonly GatewayProblem CredentialNotDiscoverable = new("credential-not-discoverable", Status400BadRequest, "The authenticator made a credential it cannot find by itself; sign-in here needs a passkey (a discoverable credential).");
    public static readonly GatewayProblem CredentialUnknown = new("credential-unknown", Status401Unauthorized, "No account has this credential.");
    public static readonly GatewayProblem CredentialUserMismatch = new("credential-user-mismatch", Status401Unauthorized, "The credential does not belong to the account that was named.");
    public static readonly GatewayProblem CredentialFlagged = new("credential-flagged", Status401Unauthorized, "This credential was suspended after a suspicious sign-in.");
    public static readonly GatewayProblem AccountDisabled = new("account-disabled", Status403Forbidden, "This account is disabled.");
    public static readonly GatewayProblem UsernameTaken = new("username-taken", Status409Conflict, "That username is taken.");
    public static readonly GatewayProblem UsernameInvalid = new("username-invalid", Status400BadRequest, "The username is missing or not acceptable.");
    public static readonly GatewayProblem RegistrationClosed = new("registration-closed", Status403Forbidden, "Accounts are created by an administrator here; ask for an enrollment link.");
    public static readonly GatewayProblem EnrollmentLinkInvalid = new("enrollment-link-invalid", Status401Unauthorized, "This enrollment link cannot be used: it is unknown, used, replaced by a newer one or expired. Ask for a new link.");
    public static readonly GatewayProblem UsernameNotCurrentUser = new("username-not-current-user", Status403Forbidden, "While signed in, credentials can only be added to the signed-in account.");

    // Account and admin
    public static readonly GatewayProblem CredentialNotFound = new("credential-not-found", Status404NotFound, "No such credential on this account.");
    public static readonly GatewayProblem LastCredential = new("last-credential", Status409Conflict, "This is the account's last way to sign in; add another one first.");
    public static readonly GatewayProblem UserNotFound = new("user-not-found", Status404NotFound, "No such user.");
    public static readonly GatewayProblem SessionNotFound = new("session-not-found", Status404NotFound, "No such session of yours.");
    public static readonly GatewayProblem SelfIssuedSessionRequired = new("gateway-session-required", Status403Forbidden, "This needs a session the gateway signed in itself, not a token of an external issuer.");
    // Device and biometric-key ceremonies (DESIGN.md §4, §10)
    public static readonly GatewayProblem ClientDataInvalid = new("client-data-invalid", Status400BadRequest, "The client data is not a JSON document with type, challenge and origin.");
    public static readonly GatewayProblem ClientDataTypeMismatch = new("client-data-type-mismatch", Status400BadRequest, "The client data was signed for another ceremony.");
    public static readonly GatewayProblem ClientDataMismatch = new("client-data-mismatch", Status400BadRequest, "The client data names other keys or devices than the request.");
    public static readonly GatewayProblem KeyInvalid = new("key-invalid", Status400BadRequest, "The public key is not a well-formed SubjectPublicKeyInfo of its algorithm.");
    public static readonly GatewayProblem KeyNotAllowed = new("key-not-allowed", Status400BadRequest, "The key is not accepted: RSA keys need 2048 to 4096 bits and exponent 65537, EC keys P-256.");
    public static readonly GatewayProblem DeviceSignatureRequired = new("device-signature-required", Status401Unauthorized, "The bound device's countersignature is required.");
    public static readonly GatewayProblem DeviceExists = new("device-exists", Status409Conflict, "A device with this key id is already bound to the account.");
    public static readonly GatewayProblem DeviceUnknown = new("device-unknown", Status404NotFound, "No device with this id is bound to the account.");

    public static readonly FrozenDictionary<string, GatewayProblem> ByCode = typeof(ProblemCatalog)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(GatewayProblem))
        .Select(f => (GatewayProblem)f.GetValue(null)!)
        .ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
}
