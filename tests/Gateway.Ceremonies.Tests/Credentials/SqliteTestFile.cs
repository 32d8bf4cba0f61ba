using Microsoft.Data.Sqlite;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>A SQLite file of its own in the temp folder, deleted with its -wal and -shm companions on dispose.</summary>
internal sealed class SqliteTestFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gateway-credentials-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>Runs SQL on the file through a connection of its own, not pooled, so it holds nothing afterwards.</summary>
    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"{ConnectionString};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ReadAllRowsAsync();
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(Path + suffix);
        }
    }
}
