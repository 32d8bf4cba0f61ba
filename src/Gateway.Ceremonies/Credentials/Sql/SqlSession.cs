using System.Data.Common;

namespace PasskeyGateway.Ceremonies.Credentials.Sql;

/// <summary>
/// An open connection with the few ADO.NET shapes the repository repeats. Parameters are (name, value) pairs
/// converted by <see cref="SqlDialect.ToParameter"/>. A command joins the connection's open transaction, if any (both
/// providers do this by themselves: Microsoft.Data.Sqlite's <c>CreateCommand</c> assigns it, Npgsql ignores
/// <see cref="DbCommand.Transaction"/> and uses the connection's).
/// </summary>
internal sealed class SqlSession(DbConnection connection, SqlDialect dialect) : IAsyncDisposable
{
    public DbConnection Connection => connection;

    public Task<DbTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        dialect.BeginWriteTransactionAsync(connection, cancellationToken);

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = NewCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts one row, named column by column, unless a unique constraint already holds one of its values. The
    /// constraint decides rather than a read before the write, so of two replicas inserting the same value exactly one
    /// succeeds; ON CONFLICT DO NOTHING (SQLite 3.24, PostgreSQL 9.5) turns the loser's answer into a row count of 0.
    /// Without a conflict target every unique index is an arbiter, partial ones included; a foreign key or NOT NULL
    /// violation still throws (a bug, not a result).
    /// </summary>
    public async Task<CreateResult> InsertUnlessTakenAsync(string table, CancellationToken cancellationToken, params (string Column, object? Value)[] row)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", row.Select(c => c.Column))}) VALUES ({string.Join(", ", row.Select(c => "@" + c.Column))}) ON CONFLICT DO NOTHING;";
        var inserted = await ExecuteAsync(sql, cancellationToken, [.. row.Select(c => ("@" + c.Column, c.Value))]);
        return inserted == 1 ? CreateResult.Created : CreateResult.Conflict;
    }

    /// <summary>The first column of the first row, as a 64-bit integer (SQLite answers long, PostgreSQL int or bigint by column).</summary>
    public async Task<long> ExecuteScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = NewCommand(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqlRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = NewCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new SqlRow(reader, dialect);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(row));
        }

        return rows;
    }

    public async Task<T?> QuerySingleAsync<T>(string sql, Func<SqlRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(sql, map, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private DbCommand NewCommand(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = dialect.ToParameter(value);
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
