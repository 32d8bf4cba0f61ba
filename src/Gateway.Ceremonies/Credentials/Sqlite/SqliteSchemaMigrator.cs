using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// Brings a SQLite file to the latest schema. Several processes may start on one file at once (replicas sharing a
/// volume, or a restart overlapping the old process): the write lock is taken before the version is read, so one of
/// them migrates and the others wait (busy_timeout) and then find nothing to do.
/// </summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>Applies the missing steps in one transaction; returns the version found and the version now in force.</summary>
    /// <exception cref="InvalidOperationException">The file's schema is newer than <paramref name="migrations"/> know.</exception>
    public static async Task<(int From, int To)> MigrateAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        // WAL: readers never wait for the writer, and a commit is one append. The mode is kept in the file; switching
        // is only possible outside a transaction, and setting it again is a no-op.
        await session.ExecuteAsync("PRAGMA journal_mode = WAL;", cancellationToken);

        // BEGIN IMMEDIATE: take the write lock now, not at the first write, or two processes could both read version 0.
        await using var transaction = await session.BeginWriteTransactionAsync(cancellationToken);
        await session.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL) STRICT;",
            cancellationToken);
        var versions = await SqlSchemaMigrator.ApplyMissingStepsAsync(session, storeName, migrations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return versions;
    }
}
