namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Session records (DESIGN.md §11.1): one per sign-in, listed and ended by their user or an administrator. A role of
/// the credential store (<see cref="ICredentialRepository"/>). Ending a record does not refuse its tokens by itself:
/// the caller revokes the session ids this answers.
/// </summary>
public interface ISessionRepository
{
    /// <summary>
    /// Records <paramref name="session"/>; when the user then has more than <paramref name="maxLive"/> live sessions,
    /// ends the oldest. Answers the ids of the sessions it ended.
    /// </summary>
    Task<IReadOnlyList<string>> AddSessionAsync(SessionRecord session, int maxLive, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A re-authentication of one of the user's live sessions (step-up): its end, method, device and user agent become
    /// <paramref name="session"/>'s, and it keeps when it began. <c>false</c> when the user has no such live session
    /// (ended, expired, never recorded, or another user's): the caller starts a new session instead.
    /// </summary>
    Task<bool> RenewSessionAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither ended nor expired at <paramref name="now"/>, newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends one live session of the user; <c>false</c> when the user has no such live session.</summary>
    Task<bool> EndSessionAsync(string userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends every live session of the user; answers their ids.</summary>
    Task<IReadOnlyList<string>> EndAllSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the records of sessions expired or ended before <paramref name="before"/>; answers how many.</summary>
    Task<int> PurgeSessionsAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
