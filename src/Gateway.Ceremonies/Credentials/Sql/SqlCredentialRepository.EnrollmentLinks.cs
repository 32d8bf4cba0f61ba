namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    private const string VoidLinks =
        "UPDATE enrollment_links SET voided_at = @now WHERE user_id = @user_id AND spent_at IS NULL AND voided_at IS NULL;";

    /// <summary>A link row that can still be spent, its account (<c>users</c>) enabled.</summary>
    private const string UsableLink =
        "enrollment_links.spent_at IS NULL AND enrollment_links.voided_at IS NULL AND enrollment_links.expires_at > @now " +
        "AND EXISTS (SELECT 1 FROM users WHERE users.id = enrollment_links.user_id AND NOT users.disabled)";

    public async Task AddEnrollmentLinkAsync(EnrollmentLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(VoidLinks, cancellationToken, ("@user_id", link.UserId), ("@now", link.CreatedAt));
        await connection.ExecuteAsync(
            """
            INSERT INTO enrollment_links (token_hash, user_id, created_at, expires_at, created_by)
            VALUES (@token_hash, @user_id, @created_at, @expires_at, @created_by);
            """,
            cancellationToken,
            ("@token_hash", link.TokenHash),
            ("@user_id", link.UserId),
            ("@created_at", link.CreatedAt),
            ("@expires_at", link.ExpiresAt),
            ("@created_by", link.CreatedBy));
        await transaction.CommitAsync(cancellationToken);
    }

    public Task<EnrollmentLink?> FindUsableEnrollmentLinkAsync(ReadOnlyMemory<byte> tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            $"""
            SELECT token_hash, user_id, created_at, expires_at, created_by FROM enrollment_links
            WHERE token_hash = @token_hash AND {UsableLink};
            """,
            reader => new EnrollmentLink(reader.GetBytes(0), reader.GetString(1), reader.GetTime(2), reader.GetTime(3), reader.GetString(4)),
            cancellationToken,
            ("@token_hash", tokenHash),
            ("@now", now));

    public async Task<EnrollmentResult> EnrollAsync(ReadOnlyMemory<byte> tokenHash, Passkey passkey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteTransactionAsync(cancellationToken);

        // One conditional update decides: of two finishes racing, the second finds the link spent (PostgreSQL
        // re-checks the row after the first commits; SQLite's write lock serializes them).
        var spent = await connection.ExecuteAsync(
            $"UPDATE enrollment_links SET spent_at = @now WHERE token_hash = @token_hash AND user_id = @user_id AND {UsableLink};",
            cancellationToken,
            ("@token_hash", tokenHash),
            ("@user_id", passkey.UserId),
            ("@now", now));
        if (spent == 0)
        {
            return EnrollmentResult.LinkInvalid;
        }

        if (await connection.InsertUnlessTakenAsync("passkeys", cancellationToken, PasskeyRow(passkey)) == CreateResult.Conflict)
        {
            // Disposing the transaction uncommitted leaves the link unspent.
            return EnrollmentResult.CredentialExists;
        }

        await transaction.CommitAsync(cancellationToken);
        return EnrollmentResult.Enrolled;
    }

    public Task VoidEnrollmentLinksAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(VoidLinks, cancellationToken, ("@user_id", userId), ("@now", now));

    public Task<int> PurgeEnrollmentLinksAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM enrollment_links WHERE expires_at <= @before OR spent_at <= @before OR voided_at <= @before;",
            cancellationToken,
            ("@before", before));
}
