using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Redis;

namespace PasskeyGateway.Ceremonies.Challenges;

/// <summary>
/// Registers the <see cref="IChallengeStore"/>: in memory when no Redis is configured (one replica only), else Redis.
/// The first store registered wins, so a host or a test can put its own in place beforehand.
/// </summary>
public static class ChallengeStoreServiceCollectionExtensions
{
    public static IServiceCollection AddInMemoryChallengeStore(this IServiceCollection services) =>
        services.AddInMemoryChallengeStore(InMemoryChallengeStore.DefaultCapacity);

    /// <param name="capacity">The most challenges held at once; beyond it the oldest is dropped.</param>
    public static IServiceCollection AddInMemoryChallengeStore(this IServiceCollection services, int capacity)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChallengeStore>(provider => new InMemoryChallengeStore(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<InMemoryChallengeStore>>(),
            capacity));
        return services;
    }

    /// <summary>The Redis store on the process's shared connection (<see cref="RedisServiceCollectionExtensions.AddRedisConnection"/>).</summary>
    public static IServiceCollection AddRedisChallengeStore(this IServiceCollection services, RedisConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddRedisConnection(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChallengeStore, RedisChallengeStore>();
        return services;
    }
}
