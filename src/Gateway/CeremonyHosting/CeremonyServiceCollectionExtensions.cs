using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PasskeyGateway.Ceremonies;
using PasskeyGateway.Ceremonies.Biometrics;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Devices;
using PasskeyGateway.Ceremonies.RateLimits;
using PasskeyGateway.Ceremonies.Redis;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Passkeys;
using PasskeyGateway.RateLimiting;
using PasskeyGateway.Sessions;

namespace PasskeyGateway.CeremonyHosting;

/// <summary>
/// The stores the ceremonies run on (credential repository, challenge store, rate counters) and the ceremonies
/// themselves, chosen from the typed options: Redis when <c>Gateway:Redis</c> is set, otherwise in memory (one replica
/// only); SQLite unless the store's provider is PostgreSQL.
/// </summary>
internal static class CeremonyServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayCeremonies(this IServiceCollection services, GatewayOptions options)
    {
        // DESIGN.md §7: SQLite by default (one replica), PostgreSQL for many.
        if (options.Store.Provider == StoreProvider.Postgres)
        {
            services.AddPostgresCredentialRepository(sp => sp.GetRequiredService<GatewayOptions>().Store.ConnectionString);
        }
        else
        {
            services.AddSqliteCredentialRepository(sp => SqliteConnectionString(sp.GetRequiredService<GatewayOptions>()));
        }

        // A configuration string that does not parse registers nothing here: validation reports it with its path.
        if (options.Redis is not { } redis)
        {
            services.AddInMemoryChallengeStore();
            services.AddInMemoryRateCounter();
        }
        else if (RedisConnectionSettings.TryParse(redis.Configuration ?? "", redis.KeyPrefix, out var settings, out _))
        {
            services.AddRedisChallengeStore(settings);
            services.AddRedisRateCounter(settings);
            services.AddHostedService<RedisLatencyProbe>();
        }

        // Revocations: durable in the repository, announced on Redis when there is one, held in memory for the per-request check.
        services.TryAddSingleton(sp => new DurableRevocationList(
            sp.GetRequiredService<IRevocationRepository>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DurableRevocationList>>(),
            sp.GetService<RedisConnection>(),
            RevocationSettings(sp.GetRequiredService<GatewayOptions>().Revocations)));
        services.TryAddSingleton<IRevocationList>(sp => sp.GetRequiredService<DurableRevocationList>());
        services.TryAddSingleton<IRevocationFeed>(sp => sp.GetRequiredService<DurableRevocationList>());
        services.AddHostedService(sp => sp.GetRequiredService<DurableRevocationList>());

        services.TryAddSingleton<AuditTrail>();
        services.AddHostedService<AuditRetention>();
        services.TryAddSingleton<Account.CredentialManager>();
        services.TryAddSingleton<CeremonyChallenges>();
        services.TryAddSingleton<CeremonyRateLimiter>();
        services.TryAddSingleton<CeremonyRunner>();
        services.TryAddSingleton<SignInService>();
        services.TryAddSingleton<StepUpSignIn>();
        services.TryAddSingleton<RevocationWriter>();
        services.TryAddSingleton<Enrollment.EnrollmentLinks>();
        services.TryAddSingleton<SessionEnder>();
        services.TryAddSingleton<Account.AccountManager>();
        services.AddGatewayPasskeys();
        services.AddClientKeyCeremonies();
        return services;
    }

    /// <summary>Device binding and biometric keys, with their settings from <c>Gateway:Devices</c>.</summary>
    private static void AddClientKeyCeremonies(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            // The origins are normalized already: the relying party's when Devices:Origins is empty.
            var devices = sp.GetRequiredService<GatewayOptions>().Devices;
            return new KeyCeremonySettings { Origins = devices.Origins.ToHashSet(StringComparer.Ordinal), ChallengeLifetime = devices.ChallengeLifetime };
        });
        services.TryAddSingleton<KeyChallenges>();
        services.TryAddSingleton<DeviceCeremonies>();
        services.TryAddSingleton<BiometricCeremonies>();
    }

    /// <summary>The SQLite file's folder is created first: SQLite creates files, not directories.</summary>
    private static RevocationSettings RevocationSettings(RevocationOptions options) =>
        new() { AcknowledgementTimeout = options.AcknowledgementTimeout, MaxStaleness = options.MaxStaleness };

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
