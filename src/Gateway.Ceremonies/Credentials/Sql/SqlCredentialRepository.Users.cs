namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string UserColumns = "id, username, display_name, user_handle, roles, created_at, disabled, email, groups, version";

    /// <summary>What a user can sign in with, for a row of <c>users</c>: passkeys and unrevoked biometric keys.</summary>
    private const string CredentialCountOfUser =
        "(SELECT COUNT(*) FROM passkeys WHERE passkeys.user_id = users.id) + " +
        "(SELECT COUNT(*) FROM biometric_keys WHERE biometric_keys.user_id = users.id AND biometric_keys.revoked_at IS NULL)";

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
            ("disabled", user.Disabled),
            ("email", user.Email),
            ("groups", user.Groups),
            ("version", user.Version));
    }

    public async Task<UserAccount?> UpdateUserAsync(string userId, AccountChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var assignments = new List<string> { "version = version + 1" };
        var parameters = new List<(string Name, object? Value)> { ("@id", userId) };
        void Set(string column, object? value)
        {
            assignments.Add($"{column} = @{column}");
            parameters.Add(("@" + column, value));
        }

        if (change.DisplayName is { } displayName)
        {
            Set("display_name", displayName);
        }

        if (change.Email is { } email)
        {
            Set("email", email.Length == 0 ? null : email);
        }

        if (change.Roles is { } roles)
        {
            Set("roles", roles);
        }

        if (change.Groups is { } groups)
        {
            Set("groups", groups);
        }

        if (change.Disabled is { } disabled)
        {
            Set("disabled", disabled);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);
        var user = await connection.QuerySingleAsync(
            $"UPDATE users SET {string.Join(", ", assignments)} WHERE id = @id RETURNING {UserColumns};", ReadUser, cancellationToken, [.. parameters]);
        if (user is { Disabled: true })
        {
            // A disabled account's links are void: enabling it again does not bring them back.
            await connection.ExecuteAsync(VoidLinks, cancellationToken, ("@user_id", userId), ("@now", now));
        }

        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public async Task<UserPage> ListUsersAsync(string? query, string? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        // Optional conditions are left out of the text, not written "@x IS NULL OR …": PostgreSQL cannot type a
        // parameter that is only ever compared with NULL. LOWER() folds ASCII in SQLite and more in PostgreSQL; the
        // pattern is folded the same way first, and its wildcards escaped.
        var conditions = new List<string>();
        if (after is not null)
        {
            conditions.Add("normalized_username > @after");
        }

        if (!string.IsNullOrEmpty(query))
        {
            conditions.Add("(LOWER(username) LIKE @pattern ESCAPE '!' OR LOWER(display_name) LIKE @pattern ESCAPE '!' OR LOWER(COALESCE(email, '')) LIKE @pattern ESCAPE '!')");
        }

        var rows = await QueryAsync(
            $"""
            SELECT {UserColumns}, {CredentialCountOfUser}, normalized_username FROM users
            {(conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY normalized_username LIMIT @limit;
            """,
            reader => (Listing: new UserListing(ReadUser(reader), reader.GetCount(10)), Cursor: reader.GetString(11)),
            cancellationToken,
            ("@after", after),
            ("@pattern", query is null ? null : "%" + EscapeLike(query.ToLowerInvariant()) + "%"),
            ("@limit", limit + 1));
        var page = rows.Take(limit).ToList();
        return new UserPage([.. page.Select(row => row.Listing)], rows.Count > limit ? page[^1].Cursor : null);
    }

    public async Task<bool> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);

        // Children first: biometric keys point at devices, everything at the user. The audit trail has no foreign key.
        foreach (var table in (string[])["biometric_keys", "devices", "passkeys", "sessions", "enrollment_links"])
        {
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE user_id = @user_id;", cancellationToken, ("@user_id", userId));
        }

        if (await connection.ExecuteAsync("DELETE FROM users WHERE id = @user_id;", cancellationToken, ("@user_id", userId)) == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
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
        Disabled: reader.GetBoolean(6))
    {
        Email = reader.GetNullableString(7),
        Groups = reader.GetStringList(8),
        Version = reader.GetInt64(9),
    };

    /// <summary>The query as a LIKE pattern of itself: <c>!</c> escapes the wildcards and itself (the same in both engines).</summary>
    private static string EscapeLike(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
