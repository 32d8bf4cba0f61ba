using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>The contract on a temporary SQLite file, and what only SQLite can show (its pragmas, failures injected by triggers).</summary>
public sealed class SqliteCredentialRepositoryTests : CredentialRepositoryContract, IDisposable
{
    private readonly SqliteTestFile _file = new();
    private readonly List<SqliteCredentialRepository> _repositories = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // Disposing a repository clears its connection pool, which releases the file before it is deleted.
        _repositories.ForEach(r => r.Dispose());
        _file.Dispose();
    }

    protected override ICredentialRepository OpenRepository() => Open(SqliteSchema.Migrations);

    protected override async Task ExecuteSqlAsync(string sql) => await _file.QueryAsync(sql);

    protected override async Task<IReadOnlyList<long>> ReadSchemaVersionsAsync() =>
        [.. (await _file.QueryAsync("SELECT version FROM schema_version ORDER BY version;")).Select(row => (long)row[0]!)];

    [Fact]
    public async Task Initialize_NewFile_CreatesEveryStepInWalMode()
    {
        await OpenRepository().InitializeAsync(Cancel);

        Assert.Equal(SqliteSchema.Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
        Assert.Equal("wal", (await _file.QueryAsync("PRAGMA journal_mode;"))[0][0]);
        var tables = (await _file.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;")).Select(row => (string)row[0]!);
        Assert.Superset(new HashSet<string> { "audit_trail", "biometric_keys", "devices", "passkeys", "revocations", "schema_version", "users" }, tables.ToHashSet());
    }

    [Fact]
    public void Constructor_InMemoryDatabase_IsRefused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new SqliteCredentialRepository("Data Source=:memory:", NullLogger<SqliteCredentialRepository>.Instance));

        Assert.Contains("needs a SQLite file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_AfterEveryConnectionClosed_KeepsTheData()
    {
        var first = OpenRepository();
        var alice = CredentialSamples.User("alice");
        await first.CreateUserAsync(alice, Cancel);
        _repositories.ForEach(r => r.Dispose());

        var reopened = OpenRepository();

        Assert.Equal(Comparable.Of(alice), Comparable.Of(await reopened.FindUserAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task Initialize_StepThatFailsHalfway_LeavesNoTraceOfIt_AndTheStoreWorks()
    {
        var current = OpenRepository();
        var alice = CredentialSamples.User("alice");
        await current.CreateUserAsync(alice, Cancel);
        var broken = new SchemaMigration(SqliteSchema.Migrations.Count + 1, "fails after its first statement", """
            CREATE TABLE half_done (id INTEGER NOT NULL);
            INSERT INTO no_such_table (id) VALUES (1);
            """);

        var upgrading = Open([.. SqliteSchema.Migrations, broken]);
        await Assert.ThrowsAsync<SqliteException>(() => upgrading.InitializeAsync(Cancel));

        Assert.Equal(SqliteSchema.Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
        Assert.Empty(await _file.QueryAsync("SELECT name FROM sqlite_master WHERE name = 'half_done';"));
        Assert.Equal(Comparable.Of(alice), Comparable.Of(await OpenRepository().FindUserAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task RevokeDevice_FailingAtTheBiometricKeys_LeavesTheDeviceActive()
    {
        var repository = OpenRepository();
        var alice = CredentialSamples.User("alice");
        await repository.CreateUserAsync(alice, Cancel);
        var device = CredentialSamples.Device(alice.Id);
        var key = CredentialSamples.BiometricKey(alice.Id, device.DeviceId);
        await repository.AddDeviceAsync(device, Cancel);
        await repository.AddBiometricKeyAsync(key, Cancel);
        await ExecuteSqlAsync("CREATE TRIGGER fail_key_revocation BEFORE UPDATE ON biometric_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");

        var failure = await Assert.ThrowsAsync<SqliteException>(() => repository.RevokeDeviceAsync(alice.Id, device.DeviceId, CredentialSamples.Now, Cancel));

        Assert.Contains("injected failure", failure.Message, StringComparison.Ordinal);
        Assert.Null((await repository.FindDeviceAsync(device.DeviceId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))?.RevokedAt);
    }

    [Fact]
    public async Task AddPasskey_ForAUserThatDoesNotExist_Throws()
    {
        // Foreign keys are on for every pooled connection: an orphan credential is a bug, not a result.
        var repository = OpenRepository();

        await Assert.ThrowsAsync<SqliteException>(() => repository.AddPasskeyAsync(CredentialSamples.Passkey("nobody"), Cancel));
        Assert.Empty(await _file.QueryAsync("SELECT credential_id FROM passkeys;"));
    }

    private SqliteCredentialRepository Open(IReadOnlyList<SchemaMigration> migrations)
    {
        var repository = new SqliteCredentialRepository(_file.ConnectionString, migrations, NullLogger.Instance);
        _repositories.Add(repository);
        return repository;
    }
}
