using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PasskeyGateway.Ceremonies.Credentials.Postgres;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;

namespace PasskeyGateway.Ceremonies.Credentials;

public static class CredentialServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite credential repository as the <see cref="ICredentialRepository"/> singleton (unless one is
    /// registered already) and a hosted service that creates or migrates its schema at startup.
    /// </summary>
    /// <param name="connectionString">
    /// <c>Data Source=path</c> with the path already resolved by the host (DESIGN.md §10: against DataDirectory);
    /// other Microsoft.Data.Sqlite keywords (Pooling, Default Timeout, …) pass through. Foreign keys are always on.
    /// </param>
    public static IServiceCollection AddSqliteCredentialRepository(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddSqliteCredentialRepository(_ => connectionString);
    }

    /// <summary>
    /// As <see cref="AddSqliteCredentialRepository(IServiceCollection, string)"/>, with the connection string read from
    /// the services when the repository is first needed (a host whose configuration is loaded after registration).
    /// </summary>
    public static IServiceCollection AddSqliteCredentialRepository(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddCredentialRepository(provider =>
            new SqliteCredentialRepository(connectionString(provider), provider.GetRequiredService<ILogger<SqliteCredentialRepository>>()));
    }

    /// <summary>
    /// Registers the PostgreSQL credential repository (for many replicas: DESIGN.md §7) as the
    /// <see cref="ICredentialRepository"/> singleton (unless one is registered already) and a hosted service that creates
    /// or migrates its schema at startup, under an advisory lock so that replicas starting together migrate once.
    /// </summary>
    /// <param name="connectionString">
    /// An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>); other Npgsql keywords (Search Path,
    /// SSL Mode, Maximum Pool Size, Command Timeout, …) pass through. The repository keeps its own connection pool.
    /// </param>
    public static IServiceCollection AddPostgresCredentialRepository(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddPostgresCredentialRepository(_ => connectionString);
    }

    /// <summary>
    /// As <see cref="AddPostgresCredentialRepository(IServiceCollection, string)"/>, with the connection string read from
    /// the services when the repository is first needed (a host whose configuration is loaded after registration).
    /// </summary>
    public static IServiceCollection AddPostgresCredentialRepository(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddCredentialRepository(provider =>
            new PostgresCredentialRepository(connectionString(provider), provider.GetRequiredService<ILogger<PostgresCredentialRepository>>()));
    }

    /// <summary>The first repository registered wins (TryAdd), so a host or a test can put its own in place first.</summary>
    private static IServiceCollection AddCredentialRepository(this IServiceCollection services, Func<IServiceProvider, ICredentialRepository> repository)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(repository);

        // One store, asked for by the roles its consumers use.
        services.TryAddSingleton<IUserRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IPasskeyRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IDeviceRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IBiometricKeyRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<ISessionRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IEnrollmentLinkRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<ISecretRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IRevocationRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddSingleton<IAuditRepository>(provider => provider.GetRequiredService<ICredentialRepository>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CredentialStoreInitializer>());
        return services;
    }
}
