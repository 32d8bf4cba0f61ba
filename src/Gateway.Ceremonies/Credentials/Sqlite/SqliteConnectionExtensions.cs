using Microsoft.Data.Sqlite;

namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// The few ADO.NET shapes the repository repeats. Parameters are (name, value) pairs converted by
/// <see cref="SqliteValues.ToParameter"/>. A command joins the connection's open transaction, if any
/// (<see cref="SqliteConnection.CreateCommand"/> assigns it).
/// </summary>
internal static class SqliteConnectionExtensions
{
    public static async Task<int> ExecuteAsync(this SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.NewCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inserts one row, named column by column, unless a unique constraint already holds one of its values. The
    /// constraint decides rather than a read before the write, so of two replicas inserting the same value exactly one
    /// succeeds; ON CONFLICT DO NOTHING (SQLite 3.24, PostgreSQL 9.5) turns the loser's answer into a row count of 0.
    /// </summary>
    public static async Task<CreateResult> InsertUnlessTakenAsync(this SqliteConnection connection, string table, CancellationToken cancellationToken, params (string Column, object? Value)[] row)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", row.Select(c => c.Column))}) VALUES ({string.Join(", ", row.Select(c => "@" + c.Column))}) ON CONFLICT DO NOTHING;";
        var inserted = await connection.ExecuteAsync(sql, cancellationToken, [.. row.Select(c => ("@" + c.Column, c.Value))]);
        return inserted == 1 ? CreateResult.Created : CreateResult.Conflict;
    }

    public static async Task<long> ExecuteScalarAsync(this SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.NewCommand(sql, parameters);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<List<T>> QueryAsync<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.NewCommand(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static async Task<T?> QuerySingleAsync<T>(this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await connection.QueryAsync(sql, map, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    private static SqliteCommand NewCommand(this SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, SqliteValues.ToParameter(value));
        }

        return command;
    }
}
