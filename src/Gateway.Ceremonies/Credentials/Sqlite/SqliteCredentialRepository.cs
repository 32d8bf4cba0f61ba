using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// The credential repository on a SQLite file: the single-node default (DESIGN.md §7). Each operation opens a pooled
/// connection and closes it, so concurrent requests and other processes on the same file each get their own.
/// Multi-statement writes run in BEGIN IMMEDIATE transactions: in WAL mode a deferred transaction that reads and then
/// writes can fail with SQLITE_BUSY at once, without waiting on busy_timeout.
/// </summary>
internal sealed partial class SqliteCredentialRepository : ICredentialRepository, IDisposable
{
    /// <summary>How long a statement waits for another connection's write lock before failing.</summary>
    private const int BusyTimeoutMilliseconds = 5000;

    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly ILogger _logger;
    private readonly Lock _initializeLock = new();
    private Task? _initialized;

    public SqliteCredentialRepository(string connectionString, ILogger<SqliteCredentialRepository> logger)
        : this(connectionString, SqliteSchema.Migrations, logger)
    {
    }

    /// <summary>With other migrations: for tests of the migration machinery itself.</summary>
    internal SqliteCredentialRepository(string connectionString, IReadOnlyList<SchemaMigration> migrations, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            throw new ArgumentException(
                "The credential store needs a SQLite file (\"Data Source=path\"): an in-memory database loses every account when its last connection closes.",
                nameof(connectionString));
        }

        _connectionString = builder.ToString();
        _dataSource = builder.DataSource;
        _migrations = migrations;
        _logger = logger;
    }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var initialized = Volatile.Read(ref _initialized);
        if (initialized is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_initializeLock)
        {
            // A failed attempt (the file locked for too long, a newer schema) is tried again by the next caller rather
            // than remembered. The migration runs on its own, so one caller's cancellation cannot fail it for the others.
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = Task.Run(MigrateAsync, CancellationToken.None);
            }

            return _initialized.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Releases the pooled connections, and so the file (and its -wal and -shm companions).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task MigrateAsync()
    {
        await using var connection = await OpenConnectionAsync(CancellationToken.None);
        var (from, to) = await SqliteSchemaMigrator.MigrateAsync(connection, _migrations, CancellationToken.None);
        if (from == to)
        {
            CredentialLog.SchemaCurrent(_logger, _dataSource, to);
        }
        else
        {
            CredentialLog.SchemaMigrated(_logger, _dataSource, from, to);
        }

        if (!UsernameNormalizer.IsNormalizationAvailable)
        {
            CredentialLog.UsernameNormalizationUnavailable(_logger);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(sql, cancellationToken, parameters);
    }

    private async Task<CreateResult> InsertUnlessTakenAsync(string table, CancellationToken cancellationToken, params (string Column, object? Value)[] row)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.InsertUnlessTakenAsync(table, cancellationToken, row);
    }

    /// <summary>Runs a write of at most one row; <c>true</c> when it touched one.</summary>
    private async Task<bool> UpdateOneAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        await ExecuteAsync(sql, cancellationToken, parameters) == 1;

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QueryAsync(sql, map, cancellationToken, parameters);
    }

    private async Task<T?> QuerySingleAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync(sql, map, cancellationToken, parameters);
    }

    /// <summary>A connection to a file whose schema is current.</summary>
    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, and pooled connections keep it; set on every open because the pool does not say which
            // connections are new. Replicas and the migration share the file's single write lock.
            await connection.ExecuteAsync($"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
