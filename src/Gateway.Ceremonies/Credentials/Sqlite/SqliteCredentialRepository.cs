using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Credentials.Sql;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// The credential repository on a SQLite file: the single-node default (DESIGN.md §7). Multi-statement writes run in
/// BEGIN IMMEDIATE transactions (<see cref="SqliteDialect"/>), and every connection waits up to
/// <see cref="BusyTimeoutMilliseconds"/> for another's write lock, the migration's included.
/// </summary>
internal sealed class SqliteCredentialRepository : SqlCredentialRepository, IDisposable
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;

    public SqliteCredentialRepository(string connectionString, ILogger<SqliteCredentialRepository> logger)
        : this(connectionString, SqliteSchema.Migrations, logger)
    {
    }

    /// <summary>With other migrations: for tests of the migration machinery itself.</summary>
    internal SqliteCredentialRepository(string connectionString, IReadOnlyList<SchemaMigration> migrations, ILogger logger)
        : this(FileConnectionString(connectionString), migrations, logger)
    {
    }

    private SqliteCredentialRepository(SqliteConnectionStringBuilder builder, IReadOnlyList<SchemaMigration> migrations, ILogger logger)
        : base(builder.DataSource, migrations, SqliteDialect.Instance, logger)
    {
        _connectionString = builder.ToString();
    }

    /// <summary>Releases the pooled connections, and so the file (and its -wal and -shm companions).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, and pooled connections keep them; set on every open because the pool does not say which
            // connections are new. Replicas and the migration share the file's single write lock.
            // synchronous=NORMAL: in WAL mode a commit no longer waits for an fsync (the WAL is synced at checkpoints),
            // which keeps the file consistent after any crash and loses at most the last commits on a power cut or an
            // OS crash, never on a gateway crash. With FULL, the sign-count write of every sign-in cost ~4 ms of fsync
            // and capped sign-ins at ~300/s on this machine (benchmarks/Gateway.Benchmarks signin).
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override Task<(int From, int To)> MigrateSchemaAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken) =>
        SqliteSchemaMigrator.MigrateAsync(session, storeName, migrations, cancellationToken);

    private static SqliteConnectionStringBuilder FileConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            throw new ArgumentException(
                "The credential store needs a SQLite file (\"Data Source=path\"): an in-memory database loses every account when its last connection closes.",
                nameof(connectionString));
        }

        return builder;
    }
}
