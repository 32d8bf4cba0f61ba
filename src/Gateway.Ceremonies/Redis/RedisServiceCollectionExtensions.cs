using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PasskeyGateway.Ceremonies.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the process's one Redis connection for <paramref name="settings"/>; the challenge store and the
    /// revocation layer share it. The first registration wins, so calling this again is harmless.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services, RedisConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddLogging();
        services.TryAddSingleton(settings);
        services.TryAddSingleton<RedisConnection>();
        return services;
    }
}
