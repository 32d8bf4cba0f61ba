[assembly: AssemblyFixture(typeof(PasskeyGateway.Testing.PostgresCluster))]

namespace PasskeyGateway.Testing;

/// <summary>
/// One PostgreSQL cluster for the whole test run (starting one takes seconds), started by the first test that asks
/// for it, so a run without PostgreSQL tests never starts it. A failed start is kept: every PostgreSQL test fails with
/// its message, the others run. Test classes take databases of it through <see cref="PostgresDatabase"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly Lazy<Task<PostgresServer>> _server = new(PostgresServer.StartAsync);

    internal Task<PostgresServer> GetServerAsync() => _server.Value;

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated && _server.Value.IsCompletedSuccessfully)
        {
            await (await _server.Value).DisposeAsync();
        }
    }
}
