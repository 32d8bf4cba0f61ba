using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Redis;

namespace PasskeyGateway.Ceremonies.Tests.Challenges;

public sealed class ChallengeStoreServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddInMemoryChallengeStore_RegistersOneSharedInMemoryStore()
    {
        await using var provider = new ServiceCollection().AddInMemoryChallengeStore(capacity: 10).AddInMemoryChallengeStore().BuildServiceProvider();

        var store = Assert.IsType<InMemoryChallengeStore>(provider.GetRequiredService<IChallengeStore>());

        Assert.Same(store, provider.GetRequiredService<IChallengeStore>());
        Assert.Equal(10, store.Capacity);
    }

    [Fact]
    public async Task AddRedisChallengeStore_SharesOneConnectionThatConnectsOnlyWhenUsed()
    {
        var settings = RedisConnectionSettings.Parse("redis://127.0.0.1:1/0");
        await using var provider = new ServiceCollection().AddRedisChallengeStore(settings).AddRedisConnection(RedisConnectionSettings.Parse("redis://other")).BuildServiceProvider();

        Assert.IsType<RedisChallengeStore>(provider.GetRequiredService<IChallengeStore>());
        var connection = provider.GetRequiredService<RedisConnection>();

        Assert.Same(settings, connection.Settings);
        Assert.False(connection.IsConnected);
    }

    [Fact]
    public async Task AddRedisChallengeStore_AfterAnotherStore_LeavesThatStoreInPlace()
    {
        await using var provider = new ServiceCollection()
            .AddInMemoryChallengeStore()
            .AddRedisChallengeStore(RedisConnectionSettings.Parse("redis://127.0.0.1:1"))
            .BuildServiceProvider();

        Assert.IsType<InMemoryChallengeStore>(provider.GetRequiredService<IChallengeStore>());
    }
}
