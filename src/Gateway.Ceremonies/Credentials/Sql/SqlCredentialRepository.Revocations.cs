using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

internal abstract partial class SqlCredentialRepository
{
    public Task AddRevocationAsync(Revocation revocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocation);

        // Revoking again keeps the later of each time, as InMemoryRevocationList does: a later RevokedAt refuses more
        // of a user's sessions, a later ExpiresAt keeps the revocation as long as any token it refuses can live.
        return ExecuteAsync(
            """
            INSERT INTO revocations (kind, id, revoked_at, expires_at) VALUES (@kind, @id, @revoked_at, @expires_at)
            ON CONFLICT (kind, id) DO UPDATE SET
                revoked_at = CASE WHEN excluded.revoked_at > revocations.revoked_at THEN excluded.revoked_at ELSE revocations.revoked_at END,
                expires_at = CASE WHEN excluded.expires_at > revocations.expires_at THEN excluded.expires_at ELSE revocations.expires_at END;
            """,
            cancellationToken,
            ("@kind", revocation.Kind),
            ("@id", revocation.Id),
            ("@revoked_at", revocation.RevokedAt),
            ("@expires_at", revocation.ExpiresAt));
    }

    public Task<IReadOnlyList<Revocation>> ListRevocationsAsync(DateTimeOffset now, DateTimeOffset? revokedSince, CancellationToken cancellationToken) =>
        // The optional condition is left out of the text rather than written "@since IS NULL OR …": PostgreSQL cannot
        // type a parameter that is only ever compared with NULL.
        QueryAsync(
            $"""
            SELECT kind, id, revoked_at, expires_at FROM revocations
            WHERE expires_at > @now{(revokedSince is null ? "" : " AND revoked_at >= @since")}
            ORDER BY revoked_at, kind, id;
            """,
            reader => new Revocation(reader.GetEnum<RevocationKind>(0), reader.GetString(1), reader.GetTime(2), reader.GetTime(3)),
            cancellationToken,
            ("@now", now),
            ("@since", revokedSince));

    public Task<int> PurgeExpiredRevocationsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM revocations WHERE expires_at <= @now;", cancellationToken, ("@now", now));
}
