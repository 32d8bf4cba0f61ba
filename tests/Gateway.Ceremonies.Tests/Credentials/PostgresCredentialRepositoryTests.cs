using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Postgres;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>
/// The contract on PostgreSQL (an empty schema per test, in a database of this class), and what only PostgreSQL can
/// show: its partial unique index, the advisory lock of the migration, four replicas racing on every unique value.
/// </summary>
public sealed class PostgresCredentialRepositoryTests(PostgresDatabase database)
    : CredentialRepositoryContract, IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly List<PostgresCredentialRepository> _repositories = [];
    private string _schema = null!;
    private string _connectionString = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (_schema, _connectionString) = await database.CreateSchemaAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var repository in _repositories)
        {
            await repository.DisposeAsync();
        }
    }

    private protected override IReadOnlyList<SchemaMigration> Migrations => PostgresSchema.Migrations;

    private protected override ICredentialRepository OpenRepository(IReadOnlyList<SchemaMigration> migrations) => Open(migrations);

    protected override async Task ExecuteSqlAsync(string sql) => await database.QueryAsync(sql, _schema);

    protected override async Task<IReadOnlyList<long>> ReadSchemaVersionsAsync() =>
        [.. (await database.QueryAsync("SELECT version FROM schema_version ORDER BY version;", _schema)).Select(row => Convert.ToInt64(row[0], CultureInfo.InvariantCulture))];

    protected override async Task<IReadOnlyList<string>> ReadTableNamesAsync() =>
        [.. (await database.QueryAsync($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{_schema}';")).Select(row => (string)row[0]!)];

    protected override Task FailBiometricKeyUpdatesAsync() =>
        ExecuteSqlAsync("""
            CREATE FUNCTION fail_key_revocation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER fail_key_revocation BEFORE UPDATE ON biometric_keys FOR EACH ROW EXECUTE FUNCTION fail_key_revocation();
            """);

    [Fact]
    public async Task Initialize_NewSchema_MakesTheDeviceKeyIdUniqueAmongActiveDevicesOnly()
    {
        await OpenRepository().InitializeAsync(Cancel);

        var activeKeyIndex = await database.QueryAsync($"SELECT indexdef FROM pg_indexes WHERE schemaname = '{_schema}' AND indexname = 'devices_active_key_id';");
        Assert.Contains("UNIQUE", (string)Assert.Single(activeKeyIndex)[0]!, StringComparison.Ordinal);
        Assert.Contains("WHERE (revoked_at IS NULL)", (string)activeKeyIndex[0][0]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Database=gateway;Username=gateway")]
    public void Constructor_WithoutAServer_IsRefused(string connectionString)
    {
        Assert.ThrowsAny<ArgumentException>(() => new PostgresCredentialRepository(connectionString, NullLogger<PostgresCredentialRepository>.Instance));
    }

    [Fact]
    public async Task Initialize_WhileAnotherReplicaHoldsTheMigrationLock_WaitsForItThenMigrates()
    {
        var logger = new FakeLogger();
        var repository = Open(PostgresSchema.Migrations, logger);
        await using var other = new NpgsqlConnection(database.Server.ConnectionString(database.Name));
        await other.OpenAsync(Cancel);
        await using var otherTransaction = await other.BeginTransactionAsync(Cancel);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresSchemaMigrator.MigrationLockKey});", other, otherTransaction))
        {
            await take.ExecuteNonQueryAsync(Cancel);
        }

        var initializing = repository.InitializeAsync(Cancel);
        await Eventually.GetAsync(
            async () => (await database.QueryAsync(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());")).FirstOrDefault(),
            TimeSpan.FromSeconds(10),
            "The repository waiting on the advisory lock");

        Assert.False(initializing.IsCompleted);
        Assert.Empty(await database.QueryAsync($"SELECT 1 FROM information_schema.tables WHERE table_schema = '{_schema}';"));
        Assert.Contains(logger.Collector.GetSnapshot(), record => record.Id.Id == 6101 && record.Level == LogLevel.Information);

        await otherTransaction.CommitAsync(Cancel);
        await initializing;
        Assert.Equal(PostgresSchema.Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
    }

    [Fact]
    public async Task Initialize_FourReplicasAtOnceOnANewDatabase_AllSucceedWithOneSchema()
    {
        var name = $"gateway_fresh_{Guid.NewGuid():N}";
        await database.Server.QueryAsync("postgres", $"CREATE DATABASE {name};");
        try
        {
            var replicas = Enumerable.Range(0, 4).Select(_ => Open(PostgresSchema.Migrations, connectionString: database.Server.ConnectionString(name, pooling: true))).ToArray();
            await Race.AllAtOnceAsync(replicas.Select(replica => (Func<Task<bool>>)(async () =>
            {
                await replica.InitializeAsync(Cancel);
                return true;
            })));

            var versions = await database.Server.QueryAsync(name, "SELECT version FROM schema_version ORDER BY version;");
            Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), versions.Select(row => (int)row[0]!));
            var user = CredentialSamples.User("alice");
            Assert.Equal(CreateResult.Created, await replicas[3].CreateUserAsync(user, Cancel));
            Assert.Equal(user.Id, (await replicas[0].FindUserByUsernameAsync("ALICE", Cancel))?.Id);
        }
        finally
        {
            foreach (var replica in _repositories)
            {
                await replica.DisposeAsync();
            }

            _repositories.Clear();
            await database.Server.QueryAsync("postgres", $"DROP DATABASE {name} WITH (FORCE);");
        }
    }

    [Fact]
    public async Task FourReplicas_RacingOnEveryUniqueValue_ExactlyOneWinsEachRace()
    {
        // Four repositories, four connection pools: four replicas. Every round, each one tries to take the same
        // username (in its own case), credential id, device key id and biometric key id at the same moment.
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenRepository()).ToArray();
        var owner = CredentialSamples.User("owner");
        await replicas[0].CreateUserAsync(owner, Cancel);
        for (var round = 0; round < 10; round++)
        {
            var username = $"racer-{round}";
            var credentialId = RandomNumberGenerator.GetBytes(16);
            var deviceKeyId = $"device-key-{round}";
            var keyId = Guid.NewGuid().ToString();

            var results = await Task.WhenAll(
                Race.AllAtOnceAsync(replicas.Select((r, i) => (Func<Task<CreateResult>>)(() => r.CreateUserAsync(CredentialSamples.User(i % 2 == 0 ? username : username.ToUpperInvariant()), Cancel)))),
                Race.AllAtOnceAsync(replicas.Select(r => (Func<Task<CreateResult>>)(() => r.AddPasskeyAsync(CredentialSamples.Passkey(owner.Id, credentialId), Cancel)))),
                Race.AllAtOnceAsync(replicas.Select(r => (Func<Task<CreateResult>>)(() => r.AddDeviceAsync(CredentialSamples.Device(owner.Id, deviceKeyId), Cancel)))),
                Race.AllAtOnceAsync(replicas.Select(r => (Func<Task<CreateResult>>)(() => r.AddBiometricKeyAsync(CredentialSamples.BiometricKey(owner.Id) with { KeyId = keyId }, Cancel)))));

            Assert.All(results, race => Assert.Equal([CreateResult.Created, CreateResult.Conflict, CreateResult.Conflict, CreateResult.Conflict], race.Order()));
        }

        Assert.Equal(new ActiveCredentialCount(10, 10, 10), await replicas[1].CountActiveCredentialsAsync(owner.Id, Cancel));
    }

    [Fact]
    public async Task AddPostgresCredentialRepository_Twice_RegistersOneRepository_WhoseSchemaIsCreatedAtStartup()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddPostgresCredentialRepository(_connectionString)
            .AddPostgresCredentialRepository(_ => throw new InvalidOperationException("The first registration wins."));

        Assert.Single(services, d => d.ServiceType == typeof(ICredentialRepository));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));

        await using (var provider = services.BuildServiceProvider())
        {
            Assert.Empty(await database.QueryAsync($"SELECT 1 FROM information_schema.tables WHERE table_schema = '{_schema}';"));

            await provider.GetRequiredService<IHostedService>().StartAsync(Cancel);

            Assert.IsType<PostgresCredentialRepository>(provider.GetRequiredService<ICredentialRepository>());
            Assert.Same(provider.GetRequiredService<ICredentialRepository>(), provider.GetRequiredService<ICredentialRepository>());
            Assert.Equal(PostgresSchema.Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
        }
    }

    private PostgresCredentialRepository Open(IReadOnlyList<SchemaMigration> migrations, ILogger? logger = null, string? connectionString = null)
    {
        var repository = new PostgresCredentialRepository(connectionString ?? _connectionString, migrations, logger ?? NullLogger.Instance);
        _repositories.Add(repository);
        return repository;
    }
}
