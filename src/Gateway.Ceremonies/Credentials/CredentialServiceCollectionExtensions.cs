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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        services.TryAddSingleton<ICredentialRepository>(provider =>
            new SqliteCredentialRepository(connectionString, provider.GetRequiredService<ILogger<SqliteCredentialRepository>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CredentialStoreInitializer>());
        return services;
    }
}
