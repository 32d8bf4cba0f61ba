using System.Globalization;
using Npgsql;

namespace PasskeyGateway.Testing;

/// <summary>
/// A database of its own for a test class, on the run's <see cref="PostgresCluster"/>, dropped after the class. Each
/// test takes an empty schema in it (<see cref="CreateSchemaAsync"/>): the tests of a class run one after another,
/// and a schema is milliseconds where CREATE DATABASE is a third of a second.
/// </summary>
public sealed class PostgresDatabase(PostgresCluster cluster) : IAsyncLifetime
{
    private PostgresServer? _server;
    private int _schemas;

    public string Name { get; } = $"gateway_{Guid.NewGuid():N}";

    internal PostgresServer Server => _server ?? throw new InvalidOperationException("The database is not created yet.");

    public async ValueTask InitializeAsync()
    {
        _server = await cluster.GetServerAsync();
        await _server.QueryAsync("postgres", $"CREATE DATABASE {Name};");
    }

    /// <summary>A new empty schema, and a connection string whose search path puts everything in it.</summary>
    public async Task<(string Schema, string ConnectionString)> CreateSchemaAsync()
    {
        var schema = $"test_{Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture)}";
        await QueryAsync($"CREATE SCHEMA {schema};");
        return (schema, new NpgsqlConnectionStringBuilder(Server.ConnectionString(Name, pooling: true)) { SearchPath = schema }.ConnectionString);
    }

    /// <summary>Runs SQL in this database, in <paramref name="schema"/> when given, outside any repository.</summary>
    public Task<List<object?[]>> QueryAsync(string sql, string? schema = null) => Server.QueryAsync(Name, sql, schema);

    /// <summary>An outage as clients see one: every open connection to this database cut, and no new one let in.</summary>
    public async Task RefuseConnectionsAsync()
    {
        await Server.QueryAsync("postgres", $"ALTER DATABASE {Name} ALLOW_CONNECTIONS false;");
        await Server.QueryAsync("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}';");
    }

    /// <summary>Ends <see cref="RefuseConnectionsAsync"/>: connections are let in again.</summary>
    public Task AllowConnectionsAsync() => Server.QueryAsync("postgres", $"ALTER DATABASE {Name} ALLOW_CONNECTIONS true;");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            // FORCE: a repository a failed test left open must not keep the database alive.
            await _server.QueryAsync("postgres", $"DROP DATABASE IF EXISTS {Name} WITH (FORCE);");
        }
    }
}
