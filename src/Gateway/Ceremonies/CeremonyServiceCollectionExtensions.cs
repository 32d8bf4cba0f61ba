using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Configuration;
using PasskeyGateway.Keys;
using PasskeyGateway.Observability;
using PasskeyGateway.Passkeys;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.Ceremonies;

/// <summary>
/// The stores the ceremonies run on (credential repository, challenge store) and the ceremonies themselves. Which
/// stores is decided from the raw configuration at registration: Redis when <c>Gateway:Redis:Configuration</c> is set,
/// otherwise in memory (one replica only).
/// </summary>
internal static class CeremonyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCeremonies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqliteCredentialRepository(sp => SqliteConnectionString(sp.GetRequiredService<GatewayOptions>()));
        var redis = configuration["Gateway:Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddInMemoryChallengeStore();
        }
        else
        {
            services.AddRedisChallengeStore(RedisConnectionSettings.Parse(redis, configuration["Gateway:Redis:KeyPrefix"] ?? RedisConnectionSettings.DefaultKeyPrefix));
        }

        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton<CeremonyRunner>();
        services.TryAddSingleton<SignInService>();
        services.AddGatewayPasskeys();
        services.AddGatewayKeyCeremonies();
        return services;
    }

    /// <summary>The SQLite file's folder is created first: SQLite creates files, not directories.</summary>
    private static string SqliteConnectionString(GatewayOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.Store.ConnectionString);
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return builder.ConnectionString;
    }
}
