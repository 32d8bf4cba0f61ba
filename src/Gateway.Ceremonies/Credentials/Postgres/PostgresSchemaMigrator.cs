using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Postgres;

/// <summary>
/// Brings a PostgreSQL database to the latest schema. Replicas starting together each take the same transaction-level
/// advisory lock before reading the version: one migrates, the others wait for its commit and then find nothing to do.
/// Without the lock two of them could both read version 0, and the loser's CREATE TABLE would fail.
/// </summary>
internal static class PostgresSchemaMigrator
{
    /// <summary>
    /// The advisory lock key, "PasskeyG" in ASCII: other applications sharing the database are unlikely to pick it.
    /// Advisory locks are scoped to the database, so gateways on different databases of one server never wait on each other.
    /// </summary>
    public const long MigrationLockKey = 0x5061_7373_6B65_7947;

    /// <summary>Applies the missing steps in one transaction; returns the version found and the version now in force.</summary>
    /// <exception cref="InvalidOperationException">The database's schema is newer than <paramref name="migrations"/> know.</exception>
    public static async Task<(int From, int To)> MigrateAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await session.BeginWriteTransactionAsync(cancellationToken);

        // pg_advisory_xact_lock is released by the commit or rollback: a replica that dies mid-migration frees it with
        // its connection. Trying first only tells the log that this replica waits; the wait itself is bounded by the
        // connection's Command Timeout (Npgsql: 30 s unless the connection string says otherwise).
        var locked = await session.QueryAsync("SELECT pg_try_advisory_xact_lock(@key);", row => row.GetBoolean(0), cancellationToken, ("@key", MigrationLockKey));
        if (!locked[0])
        {
            PostgresLog.WaitingForMigrationLock(logger, storeName);
            await session.ExecuteAsync("SELECT pg_advisory_xact_lock(@key);", cancellationToken, ("@key", MigrationLockKey));
        }

        await session.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, description text NOT NULL);",
            cancellationToken);
        var versions = await SqlSchemaMigrator.ApplyMissingStepsAsync(session, storeName, migrations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return versions;
    }
}
