using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Postgres;

/// <summary>
/// The credential repository on PostgreSQL, for many replicas (DESIGN.md §7): every replica's repository has its own
/// connection pool (an <see cref="NpgsqlDataSource"/>), and the database's unique constraints and row locks decide
/// between them. The schema is migrated under an advisory lock (<see cref="PostgresSchemaMigrator"/>).
/// </summary>
internal sealed class PostgresCredentialRepository : SqlCredentialRepository, IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    public PostgresCredentialRepository(string connectionString, ILogger<PostgresCredentialRepository> logger)
        : this(connectionString, PostgresSchema.Migrations, logger)
    {
    }

    /// <summary>With other migrations: for tests of the migration machinery itself.</summary>
    internal PostgresCredentialRepository(string connectionString, IReadOnlyList<SchemaMigration> migrations, ILogger logger)
        : this(ServerConnectionString(connectionString), migrations, logger)
    {
    }

    private PostgresCredentialRepository(NpgsqlConnectionStringBuilder builder, IReadOnlyList<SchemaMigration> migrations, ILogger logger)
        : base(StoreName(builder), migrations, PostgresDialect.Instance, logger)
    {
        _dataSource = NpgsqlDataSource.Create(builder);
        _logger = logger;
    }

    /// <summary>Closes the pool's connections.</summary>
    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override Task<(int From, int To)> MigrateSchemaAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken) =>
        PostgresSchemaMigrator.MigrateAsync(session, storeName, migrations, _logger, cancellationToken);

    /// <summary>
    /// Npgsql keywords pass through (Search Path, Pooling, Timeout, SSL Mode, …). An unknown keyword is an
    /// <see cref="ArgumentException"/> from Npgsql; a missing host is one from here, at startup rather than at the first sign-in.
    /// </summary>
    private static NpgsqlConnectionStringBuilder ServerConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException(
                "The PostgreSQL credential store needs a server (\"Host=…;Database=…;Username=…\").",
                nameof(connectionString));
        }

        // Names the gateway's sessions in pg_stat_activity, unless the operator chose a name.
        builder.ApplicationName ??= "PasskeyGateway";
        return builder;
    }

    /// <summary>host:port/database, for logs and messages: the connection string itself may hold a password.</summary>
    private static string StoreName(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
}
