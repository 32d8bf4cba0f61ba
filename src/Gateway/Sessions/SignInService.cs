using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Sessions;

/// <summary>
/// Ends every successful ceremony the same way: a new session id, an access token for API callers and the session
/// cookie for browsers (always set; JSON callers may ignore it).
/// </summary>
internal sealed class SignInService(TokenIssuer tokens, SessionCookie cookie)
{
    public SignInAnswer SignIn(HttpContext context, SignInIdentity identity)
    {
        var access = tokens.IssueAccessToken(identity);
        var session = tokens.IssueSessionToken(identity);
        cookie.Append(context.Response, session.Token, session.ExpiresAt);
        context.Response.Headers.CacheControl = "no-store";
        return new SignInAnswer(access.Token, access.ExpiresAt, new Endpoints.UserSummary(identity.UserId, identity.Username));
    }

    /// <summary>RFC 8176 methods for a passkey: <c>hwk</c> (or <c>swk</c> when it can be synced), <c>user</c>, and <c>mfa</c> when user-verified.</summary>
    public static IReadOnlyList<string> PasskeyAmr(bool backupEligible, bool userVerified) =>
        userVerified ? [backupEligible ? "swk" : "hwk", "user", "mfa"] : [backupEligible ? "swk" : "hwk", "user"];

    /// <summary>RFC 8176 methods for a biometric key (DESIGN.md §10): hardware key, user present, multi-factor (biometrics on a key).</summary>
    public static IReadOnlyList<string> BiometricAmr { get; } = ["hwk", "user", "mfa"];

    /// <summary>The roles the account holds, as the token's <c>roles</c> claim.</summary>
    public static IReadOnlyDictionary<string, object> RoleClaims(UserAccount user) =>
        user.Roles.Count == 0 ? new Dictionary<string, object>() : new Dictionary<string, object> { [GatewayClaimTypes.Roles] = user.Roles.ToArray() };

    /// <summary>
    /// The current session raised by a device that proved itself (DESIGN.md §10): every claim of the current token is
    /// kept (<c>sub</c>, <c>sid</c>, <c>auth_time</c>, <c>auth_method</c>, <c>amr</c>, <c>cred_id</c>, roles…), so revoking
    /// the session or its credential still reaches the new tokens, and <c>device_id</c> is added.
    /// </summary>
    public static SignInIdentity Raise(ValidatedToken current, UserAccount user, string deviceId)
    {
        var principal = current.Principal;
        var keys = current.RevocationKeys ?? throw new ArgumentException("Only the gateway's own sessions can be raised.", nameof(current));
        string? Claim(string type) => principal.FindFirst(type)?.Value;
        return new SignInIdentity(
            keys.Subject,
            Claim(GatewayClaimTypes.PreferredUsername) ?? user.Username,
            Claim(GatewayClaimTypes.AuthMethod) ?? "",
            [.. principal.FindAll(GatewayClaimTypes.AuthenticationMethods).Select(c => c.Value)],
            keys.SessionId ?? throw new ArgumentException("The token has no session id.", nameof(current)),
            keys.AuthenticatedAt)
        {
            CredentialId = Claim(GatewayClaimTypes.CredentialId),
            DeviceId = deviceId,
            UserVerified = bool.TryParse(Claim(GatewayClaimTypes.UserVerified), out var verified) && verified,
            ExtraClaims = TokenIssuer.ClaimValues(principal.Claims, type => !RaisedClaimTypes.Contains(type)),
        };
    }

    /// <summary>What <see cref="Raise"/> sets itself, and the registered claims every new token gets anew.</summary>
    private static readonly HashSet<string> RaisedClaimTypes = new(StringComparer.Ordinal)
    {
        GatewayClaimTypes.Subject, GatewayClaimTypes.PreferredUsername, GatewayClaimTypes.SessionId, GatewayClaimTypes.AuthTime,
        GatewayClaimTypes.AuthenticationMethods, GatewayClaimTypes.AuthMethod, GatewayClaimTypes.CredentialId,
        GatewayClaimTypes.DeviceId, GatewayClaimTypes.UserVerified, GatewayClaimTypes.Issuer, GatewayClaimTypes.IssuedAt,
        GatewayClaimTypes.Expires, "aud", "nbf", "jti",
    };
}
