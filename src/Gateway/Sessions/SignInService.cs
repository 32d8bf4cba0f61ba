using System.Buffers.Text;
using PasskeyGateway.Authentication;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Configuration;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.Sessions;

/// <summary>
/// Who a ceremony signed in, and how — built here for every ceremony, so the claims of a sign-in are decided in one
/// place — and the end of every successful sign-in: a new session id, an access token for API callers and the session
/// cookie for browsers (always set; JSON callers may ignore it).
/// </summary>
internal sealed class SignInService(TokenIssuer tokens, SessionCookie cookie, ISessionRepository sessions, RevocationWriter revoker, TimeProvider timeProvider)
{
    /// <summary>RFC 8176 methods for a biometric key (DESIGN.md §10): hardware key, user present, multi-factor (biometrics on a key).</summary>
    private static readonly IReadOnlyList<string> BiometricAmr = ["hwk", "user", "mfa"];

    /// <summary>What <see cref="Raised"/> sets itself, and the registered claims every new token gets anew.</summary>
    private static readonly HashSet<string> RaisedClaimTypes = new(StringComparer.Ordinal)
    {
        GatewayClaimTypes.Subject, GatewayClaimTypes.PreferredUsername, GatewayClaimTypes.SessionId, GatewayClaimTypes.AuthTime,
        GatewayClaimTypes.AuthenticationMethods, GatewayClaimTypes.AuthMethod, GatewayClaimTypes.CredentialId,
        GatewayClaimTypes.DeviceId, GatewayClaimTypes.UserVerified, GatewayClaimTypes.Issuer, GatewayClaimTypes.IssuedAt,
        GatewayClaimTypes.Expires, "aud", "nbf", "jti",
    };

    /// <summary>
    /// Records the session (a raised one is recorded already), ending the user's oldest beyond
    /// <see cref="AccountOptions.MaxSessionsPerUser"/>, then mints the tokens and sets the cookie.
    /// </summary>
    public async Task<SignInAnswer> SignInAsync(HttpContext context, SignInIdentity identity)
    {
        var session = tokens.IssueSessionToken(identity);
        var ended = await sessions.AddSessionAsync(Record(context, identity, session), AccountOptions.MaxSessionsPerUser, timeProvider.GetUtcNow(), context.RequestAborted);
        await revoker.RevokeSessionsAsync(ended, context.RequestAborted);
        return Answer(context, identity, session);
    }

    /// <summary>
    /// A new sign-in into the live session <paramref name="identity"/> names (step-up): its record takes the sign-in's
    /// method, device and end — the new <c>auth_time</c> plus the session lifetime, which the new tokens keep to — and
    /// it keeps its <c>sid</c> and when it began. <c>null</c>, and nothing set, when the user has no such live session
    /// (ended, expired or never recorded): the caller starts a new one.
    /// </summary>
    public async Task<SignInAnswer?> RenewAsync(HttpContext context, SignInIdentity identity)
    {
        var session = tokens.IssueSessionToken(identity);
        return await sessions.RenewSessionAsync(Record(context, identity, session), timeProvider.GetUtcNow(), context.RequestAborted)
            ? Answer(context, identity, session)
            : null;
    }

    /// <summary>
    /// A passkey sign-in (DESIGN.md §5, §10): <c>amr</c> <c>hwk</c> (or <c>swk</c> when the passkey can be synced),
    /// <c>user</c>, and <c>mfa</c> when the user was verified; the passkey as <c>cred_id</c>.
    /// </summary>
    public SignInIdentity Passkey(UserAccount user, Passkey passkey, bool userVerified)
    {
        var key = passkey.BackupEligible ? "swk" : "hwk";
        return NewSession(user, AuthMethods.Passkey, userVerified ? [key, "user", "mfa"] : [key, "user"]) with
        {
            CredentialId = Base64Url.EncodeToString(passkey.CredentialId.Span),
            UserVerified = userVerified,
        };
    }

    /// <summary>A biometric-key sign-in (DESIGN.md §5, §10): the key as <c>cred_id</c>, <c>device_id</c> when a device countersigned.</summary>
    public SignInIdentity Biometric(BiometricSignIn signIn) => NewSession(signIn.User, AuthMethods.Biometric, BiometricAmr) with
    {
        CredentialId = signIn.Key.KeyId,
        DeviceId = signIn.DeviceId,
        UserVerified = true,
    };

    /// <summary>
    /// The current session raised by a device that proved itself (DESIGN.md §10): every claim of the current token is
    /// kept (<c>sub</c>, <c>sid</c>, <c>auth_time</c>, <c>auth_method</c>, <c>amr</c>, <c>cred_id</c>, roles…), so revoking
    /// the session or its credential still reaches the new tokens, and <c>device_id</c> is added.
    /// </summary>
    public static SignInIdentity Raised(ValidatedToken current, UserAccount user, string deviceId)
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

    private static SessionRecord Record(HttpContext context, SignInIdentity identity, IssuedToken session) => new(
        identity.SessionId, identity.UserId, identity.AuthTime, session.ExpiresAt, identity.AuthMethod,
        context.Request.Headers.UserAgent.ToString(), identity.DeviceId);

    /// <summary>The access token for API callers, and the session cookie for browsers.</summary>
    private SignInAnswer Answer(HttpContext context, SignInIdentity identity, IssuedToken session)
    {
        var access = tokens.IssueAccessToken(identity);
        cookie.Append(context.Response, session.Token, session.ExpiresAt);
        context.Response.Headers.CacheControl = "no-store";
        return new SignInAnswer(access.Token, access.ExpiresAt, new Endpoints.UserSummary(identity.UserId, identity.Username));
    }

    /// <summary>A new session for <paramref name="user"/>, signed in now, with the claims the account carries.</summary>
    private SignInIdentity NewSession(UserAccount user, string authMethod, IReadOnlyList<string> amr) =>
        new(user.Id, user.Username, authMethod, amr, TokenIssuer.NewId(), timeProvider.GetUtcNow())
        {
            ExtraClaims = AccountClaims(user),
        };

    /// <summary>
    /// The claims an account carries into its tokens (DESIGN.md §11.1): <c>role</c> (a string, or an array when
    /// several), <c>groups</c> and <c>email</c> when set, and always <c>ver</c>.
    /// </summary>
    private static Dictionary<string, object> AccountClaims(UserAccount user)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [GatewayClaimTypes.AccountVersion] = user.Version };
        if (user.Roles.Count > 0)
        {
            claims[GatewayClaimTypes.Role] = user.Roles.Count == 1 ? user.Roles[0] : user.Roles.ToArray();
        }

        if (user.Groups.Count > 0)
        {
            claims[GatewayClaimTypes.Groups] = user.Groups.ToArray();
        }

        if (user.Email is { } email)
        {
            claims[GatewayClaimTypes.Email] = email;
        }

        return claims;
    }
}
