using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Redis;

namespace PasskeyGateway.Ceremonies.RateLimits;

/// <summary>Registers the <see cref="IRateCounter"/>: in memory (one replica), or in Redis with the in-memory one as its fallback.</summary>
public static class RateCounterServiceCollectionExtensions
{
    public static IServiceCollection AddInMemoryRateCounter(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new InMemoryRateCounter(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRateCounter>(provider => provider.GetRequiredService<InMemoryRateCounter>());
        return services;
    }

    /// <summary>Counters in Redis on the process's shared connection, counting locally while Redis is unreachable.</summary>
    public static IServiceCollection AddRedisRateCounter(this IServiceCollection services, RedisConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRedisConnection(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new InMemoryRateCounter(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRateCounter>(provider => new RedisRateCounter(
            provider.GetRequiredService<RedisConnection>(),
            provider.GetRequiredService<InMemoryRateCounter>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<RedisRateCounter>>()));
        return services;
    }
}
