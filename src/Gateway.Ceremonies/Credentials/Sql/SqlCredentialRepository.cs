using System.Data.Common;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

/// <summary>
/// The credential repository in plain SQL, shared by the SQLite and PostgreSQL stores: one statement text per
/// operation, with <see cref="SqlDialect"/> for what the engines store differently. A store supplies its connections
/// and its locked migration. Each operation opens a pooled connection and closes it, so concurrent requests (and other
/// replicas) each get their own; uniqueness is left to the schema's constraints, never to a read before the write.
/// </summary>
internal abstract partial class SqlCredentialRepository : ICredentialRepository
{
    private readonly string _storeName;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly ILogger _logger;
    private readonly Lock _initializeLock = new();
    private Task? _initialized;

    /// <param name="storeName">Names the store in logs and messages: never a password.</param>
    protected SqlCredentialRepository(string storeName, IReadOnlyList<SchemaMigration> migrations, SqlDialect dialect, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfZero(migrations.Count);
        _storeName = storeName;
        _migrations = migrations;
        Dialect = dialect;
        _logger = logger;
    }

    protected SqlDialect Dialect { get; }

    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        var initialized = Volatile.Read(ref _initialized);
        if (initialized is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_initializeLock)
        {
            // A failed attempt (the store unreachable or locked for too long, a newer schema) is tried again by the
            // next caller rather than remembered. The migration runs on its own, so one caller's cancellation cannot
            // fail it for the others.
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled)
            {
                _initialized = Task.Run(MigrateAsync, CancellationToken.None);
            }

            return _initialized.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Opens a connection to the store as it is, without waiting for the schema.</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Brings the schema to the last of <paramref name="migrations"/> under the store's own lock, so that replicas
    /// starting together migrate once (<see cref="SqlSchemaMigrator"/> does the steps); returns the version found and
    /// the version now in force.
    /// </summary>
    protected abstract Task<(int From, int To)> MigrateSchemaAsync(SqlSession session, string storeName, IReadOnlyList<SchemaMigration> migrations, CancellationToken cancellationToken);

    private async Task MigrateAsync()
    {
        await using var session = new SqlSession(await OpenConnectionAsync(CancellationToken.None), Dialect);
        var (from, to) = await MigrateSchemaAsync(session, _storeName, _migrations, CancellationToken.None);
        if (from == to)
        {
            CredentialLog.SchemaCurrent(_logger, _storeName, to);
        }
        else
        {
            CredentialLog.SchemaMigrated(_logger, _storeName, from, to);
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

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqlRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QueryAsync(sql, map, cancellationToken, parameters);
    }

    private async Task<T?> QuerySingleAsync<T>(string sql, Func<SqlRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync(sql, map, cancellationToken, parameters);
    }

    /// <summary>
    /// A connection to a store whose schema is current. A store that cannot be reached is a
    /// <see cref="CredentialStoreUnavailableException"/>; other failures (a newer schema, a bug) pass as they are.
    /// </summary>
    private async Task<SqlSession> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken);
            return new SqlSession(await OpenConnectionAsync(cancellationToken), Dialect);
        }
        catch (Exception e) when ((e is DbException or System.Net.Sockets.SocketException or TimeoutException) && !cancellationToken.IsCancellationRequested)
        {
            throw new CredentialStoreUnavailableException($"The credential store {_storeName} is not reachable ({e.GetType().Name}).", e);
        }
    }
}
