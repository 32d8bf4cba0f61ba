using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);

        services.TryAddSingleton<ICredentialRepository>(provider =>
            new SqliteCredentialRepository(connectionString(provider), provider.GetRequiredService<ILogger<SqliteCredentialRepository>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CredentialStoreInitializer>());
        return services;
    }
}
