namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string UserColumns = "id, username, display_name, user_handle, roles, created_at, disabled";

    public Task<CreateResult> CreateUserAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // normalized_username's unique index is what makes "Alice" and "ＡＬＩＣＥ" one name.
        return InsertUnlessTakenAsync(
            "users",
            cancellationToken,
            ("id", user.Id),
            ("username", user.Username),
            ("normalized_username", UsernameNormalizer.Normalize(user.Username)),
            ("display_name", user.DisplayName),
            ("user_handle", user.UserHandle),
            ("roles", user.Roles),
            ("created_at", user.CreatedAt),
            ("disabled", user.Disabled));
    }

    public Task<UserAccount?> FindUserAsync(string userId, CancellationToken cancellationToken) =>
        FindUserWhereAsync("id = @value", userId, cancellationToken);

    public Task<UserAccount?> FindUserByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindUserWhereAsync("normalized_username = @value", UsernameNormalizer.Normalize(username), cancellationToken);

    public Task<UserAccount?> FindUserByHandleAsync(ReadOnlyMemory<byte> userHandle, CancellationToken cancellationToken) =>
        FindUserWhereAsync("user_handle = @value", userHandle, cancellationToken);

    public async Task<ActiveCredentialCount> CountActiveCredentialsAsync(string userId, CancellationToken cancellationToken)
    {
        // One statement, so the three counts come from one snapshot.
        var counts = await QueryAsync(
            """
            SELECT (SELECT COUNT(*) FROM passkeys WHERE user_id = @user_id),
                   (SELECT COUNT(*) FROM devices WHERE user_id = @user_id AND revoked_at IS NULL),
                   (SELECT COUNT(*) FROM biometric_keys WHERE user_id = @user_id AND revoked_at IS NULL);
            """,
            reader => new ActiveCredentialCount(reader.GetCount(0), reader.GetCount(1), reader.GetCount(2)),
            cancellationToken,
            ("@user_id", userId));
        return counts[0];
    }

    /// <summary>
    /// Runs <paramref name="removal"/>, a write of at most one of the user's ways to sign in (with <c>@user_id</c> bound
    /// to <paramref name="userId"/>), and keeps it only if the user can still sign in afterwards. The user's row is
    /// locked first (<see cref="SqlDialect.LockForUpdate"/>), so removals for one user queue and each counts what the
    /// one before it left.
    /// </summary>
    private async Task<CredentialRemoval> RemoveUnlessLastAsync(string userId, string removal, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);
        await connection.QueryAsync($"SELECT id FROM users WHERE id = @user_id{Dialect.LockForUpdate};", reader => reader.GetString(0), cancellationToken, ("@user_id", userId));
        if (await connection.ExecuteAsync(removal, cancellationToken, [.. parameters, ("@user_id", userId)]) == 0)
        {
            return CredentialRemoval.NotFound;
        }

        var remaining = await connection.ExecuteScalarAsync(
            """
            SELECT (SELECT COUNT(*) FROM passkeys WHERE user_id = @user_id)
                 + (SELECT COUNT(*) FROM biometric_keys WHERE user_id = @user_id AND revoked_at IS NULL);
            """,
            cancellationToken,
            ("@user_id", userId));
        if (remaining == 0)
        {
            // Disposing the transaction uncommitted rolls the removal back.
            return CredentialRemoval.LastCredential;
        }

        await transaction.CommitAsync(cancellationToken);
        return CredentialRemoval.Removed;
    }

    private Task<UserAccount?> FindUserWhereAsync(string condition, object value, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {UserColumns} FROM users WHERE {condition};", ReadUser, cancellationToken, ("@value", value));

    private static UserAccount ReadUser(SqlRow reader) => new(
        Id: reader.GetString(0),
        Username: reader.GetString(1),
        DisplayName: reader.GetString(2),
        UserHandle: reader.GetBytes(3),
        Roles: reader.GetStringList(4),
        CreatedAt: reader.GetTime(5),
        Disabled: reader.GetBoolean(6));
}
