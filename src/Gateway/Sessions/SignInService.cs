using PasskeyGateway.Authentication;
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
}
