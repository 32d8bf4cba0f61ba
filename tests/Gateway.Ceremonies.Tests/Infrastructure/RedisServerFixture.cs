using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Infrastructure;

/// <summary>One Redis server and one shared connection for a test class, as the gateway has one for its process.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public const string KeyPrefix = "contract";

    internal RedisServer Server { get; private set; } = null!;

    internal RedisConnection Connection { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await RedisServer.StartAsync();
        Connection = new RedisConnection(RedisConnectionSettings.Parse(Server.Configuration, KeyPrefix), NullLogger<RedisConnection>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
