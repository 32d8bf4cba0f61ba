using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Observability;

namespace PasskeyGateway.Sessions;

/// <summary>
/// Ends sessions: the record (so lists show it gone) and a revocation of its <c>sid</c> (so every token of it is
/// refused at its next request, on every replica). Sign-out, "sign out everywhere" and ending one session all come here.
/// </summary>
internal sealed class SessionEnder(ISessionRepository sessions, RevocationWriter revocations, AuditTrail audit, TimeProvider timeProvider)
{
    /// <summary>Ends one of the user's live sessions; <c>false</c> when the user has no such live session.</summary>
    public async Task<bool> EndAsync(HttpContext context, string userId, string sessionId)
    {
        if (!await sessions.EndSessionAsync(userId, sessionId, timeProvider.GetUtcNow(), context.RequestAborted))
        {
            return false;
        }

        await revocations.RevokeAsync(RevocationKind.Session, sessionId, context.RequestAborted);
        await audit.RecordAsync(context, "session_end", "success", userId);
        return true;
    }

    /// <summary>
    /// Ends a session that a sign-in of another user replaced in the same browser (a step-up answered with someone
    /// else's passkey): like a sign-out, it is revoked even without a live record.
    /// </summary>
    public async Task EndReplacedAsync(HttpContext context, CeremonySession session)
    {
        await sessions.EndSessionAsync(session.UserId, session.SessionId, timeProvider.GetUtcNow(), context.RequestAborted);
        await revocations.RevokeAsync(RevocationKind.Session, session.SessionId, context.RequestAborted);
        await audit.RecordAsync(context, "session_end", "success", session.UserId, "Replaced by another user's sign-in.");
    }

    /// <summary>Sign-out: this session, or with <paramref name="everywhere"/> every live session of the user.</summary>
    public async Task SignOutAsync(HttpContext context, string userId, string sessionId, bool everywhere)
    {
        var now = timeProvider.GetUtcNow();
        IReadOnlyList<string> ended = everywhere
            ? await sessions.EndAllSessionsAsync(userId, now, context.RequestAborted)
            : await sessions.EndSessionAsync(userId, sessionId, now, context.RequestAborted) ? [sessionId] : [];

        // The current session is revoked even if it has no record (a token minted before sessions were recorded).
        await revocations.RevokeSessionsAsync(ended.Contains(sessionId) ? ended : [.. ended, sessionId], context.RequestAborted);
        await audit.RecordAsync(context, everywhere ? "logout_everywhere" : "logout", "success", userId);
    }
}
