namespace PasskeyGateway.Ceremonies.Credentials.Sql;

/// <summary>
/// The steps of a migration that both stores share: read the version, refuse a newer one, apply what is missing.
/// The caller has begun the transaction, taken its store's migration lock and created <c>schema_version</c>
/// (version, description) before calling, and commits after: both engines roll DDL back with the transaction, so a
/// step that fails leaves neither its tables nor its version row behind.
/// </summary>
internal static class SqlSchemaMigrator
{
    /// <returns>The version found and the version now in force.</returns>
    /// <exception cref="InvalidOperationException">The store's schema is newer than <paramref name="migrations"/> know.</exception>
    public static async Task<(int From, int To)> ApplyMissingStepsAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken)
    {
        var current = (int)await session.ExecuteScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version;", cancellationToken);
        var latest = migrations[^1].Version;
        if (current > latest)
        {
            throw new InvalidOperationException(
                $"The credential store '{storeName}' has schema version {current}, but this gateway knows versions up to {latest}: " +
                "a newer gateway has upgraded it. Run that version (or newer), or point Gateway:Store:ConnectionString at another database.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await session.ExecuteAsync(migration.Sql, cancellationToken);
            await session.ExecuteAsync(
                "INSERT INTO schema_version (version, description) VALUES (@version, @description);",
                cancellationToken,
                ("@version", migration.Version),
                ("@description", migration.Description));
        }

        return (current, latest);
    }
}
