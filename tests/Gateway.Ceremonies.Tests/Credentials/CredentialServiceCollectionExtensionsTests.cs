using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public sealed class CredentialServiceCollectionExtensionsTests : IDisposable
{
    private readonly SqliteTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task AddSqliteCredentialRepository_Twice_RegistersOneRepository_WhoseSchemaIsCreatedAtStartup()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSqliteCredentialRepository(_file.ConnectionString)
            .AddSqliteCredentialRepository(_file.ConnectionString);

        Assert.Single(services, d => d.ServiceType == typeof(ICredentialRepository));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.Empty(await _file.QueryAsync("SELECT name FROM sqlite_master WHERE name = 'users';"));

            await provider.GetRequiredService<IHostedService>().StartAsync(TestContext.Current.CancellationToken);

            Assert.Single(await _file.QueryAsync("SELECT name FROM sqlite_master WHERE name = 'users';"));
            Assert.Same(provider.GetRequiredService<ICredentialRepository>(), provider.GetRequiredService<ICredentialRepository>());
        }
    }
}
