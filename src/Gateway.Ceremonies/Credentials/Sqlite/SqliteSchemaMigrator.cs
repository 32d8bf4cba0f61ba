using Microsoft.Data.Sqlite;

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
    public static async Task<(int From, int To)> MigrateAsync(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        // WAL: readers never wait for the writer, and a commit is one append. The mode is kept in the file; switching
        // is only possible outside a transaction, and setting it again is a no-op.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", cancellationToken);

        // BEGIN IMMEDIATE: take the write lock now, not at the first write, or two processes could both read version 0.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL) STRICT;",
            cancellationToken);
        var current = (int)await connection.ExecuteScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken);
        var latest = migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The credential store '{connection.DataSource}' has schema version {current}, but this gateway knows versions up to {latest}: " +
                "a newer gateway has upgraded it. Run that version (or newer), or point Gateway:Store:ConnectionString at another database.");
        }

        // DDL is transactional in SQLite: a step that fails leaves neither its tables nor its version row behind.
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await connection.ExecuteAsync(migration.Sql, cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO schema_version (version, description) VALUES (@version, @description);",
                cancellationToken,
                ("@version", migration.Version),
                ("@description", migration.Description));
        }

        await transaction.CommitAsync(cancellationToken);
        return (current, latest);
    }
}
