namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string SessionColumns = "id, user_id, created_at, expires_at, auth_method, user_agent, device_id";

    private const string LiveSession = "ended_at IS NULL AND expires_at > @now";

    public async Task<IReadOnlyList<string>> AddSessionAsync(SessionRecord session, int maxLive, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLive, 1);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);

        // The user's row is locked first, so two sign-ins of one user count each other's sessions.
        await connection.QueryAsync($"SELECT id FROM users WHERE id = @user_id{Dialect.LockForUpdate};", reader => reader.GetString(0), cancellationToken, ("@user_id", session.UserId));
        await connection.InsertUnlessTakenAsync(
            "sessions",
            cancellationToken,
            ("id", session.Id),
            ("user_id", session.UserId),
            ("created_at", session.CreatedAt),
            ("expires_at", session.ExpiresAt),
            ("auth_method", session.AuthMethod),
            ("user_agent", SessionRecord.CutUserAgent(session.UserAgent)),
            ("device_id", session.DeviceId));
        var live = await connection.QueryAsync(
            $"SELECT id FROM sessions WHERE user_id = @user_id AND {LiveSession} ORDER BY created_at DESC, id DESC;",
            reader => reader.GetString(0),
            cancellationToken,
            ("@user_id", session.UserId),
            ("@now", now));
        var ended = live.Skip(maxLive).ToList();
        foreach (var id in ended)
        {
            await connection.ExecuteAsync("UPDATE sessions SET ended_at = @now WHERE id = @id;", cancellationToken, ("@id", id), ("@now", now));
        }

        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    public Task<bool> RenewSessionAsync(SessionRecord session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);

        // One conditional update: a session ended (or ending) at the same moment is never brought back.
        return UpdateOneAsync(
            $"UPDATE sessions SET expires_at = @expires_at, auth_method = @auth_method, user_agent = @user_agent, device_id = @device_id WHERE id = @id AND user_id = @user_id AND {LiveSession};",
            cancellationToken,
            ("@id", session.Id),
            ("@user_id", session.UserId),
            ("@expires_at", session.ExpiresAt),
            ("@auth_method", session.AuthMethod),
            ("@user_agent", SessionRecord.CutUserAgent(session.UserAgent)),
            ("@device_id", session.DeviceId),
            ("@now", now));
    }

    public Task<IReadOnlyList<SessionRecord>> ListSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {SessionColumns} FROM sessions WHERE user_id = @user_id AND {LiveSession} ORDER BY created_at DESC, id;",
            ReadSession,
            cancellationToken,
            ("@user_id", userId),
            ("@now", now));

    public Task<bool> EndSessionAsync(string userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateOneAsync(
            $"UPDATE sessions SET ended_at = @now WHERE id = @id AND user_id = @user_id AND {LiveSession};",
            cancellationToken,
            ("@id", sessionId),
            ("@user_id", userId),
            ("@now", now));

    public Task<IReadOnlyList<string>> EndAllSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(
            $"UPDATE sessions SET ended_at = @now WHERE user_id = @user_id AND {LiveSession} RETURNING id;",
            reader => reader.GetString(0),
            cancellationToken,
            ("@user_id", userId),
            ("@now", now));

    public Task<int> PurgeSessionsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM sessions WHERE expires_at <= @before OR ended_at <= @before;", cancellationToken, ("@before", before));

    private static SessionRecord ReadSession(SqlRow reader) => new(
        Id: reader.GetString(0),
        UserId: reader.GetString(1),
        CreatedAt: reader.GetTime(2),
        ExpiresAt: reader.GetTime(3),
        AuthMethod: reader.GetString(4),
        UserAgent: reader.GetNullableString(5),
        DeviceId: reader.GetNullableString(6));
}
