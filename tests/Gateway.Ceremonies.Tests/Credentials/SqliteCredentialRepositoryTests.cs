using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>The contract on a temporary SQLite file, and what only SQLite can show (its pragmas, its file).</summary>
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

    private protected override IReadOnlyList<SchemaMigration> Migrations => SqliteSchema.Migrations;

    private protected override ICredentialRepository OpenRepository(IReadOnlyList<SchemaMigration> migrations)
    {
        var repository = new SqliteCredentialRepository(_file.ConnectionString, migrations, NullLogger.Instance);
        _repositories.Add(repository);
        return repository;
    }

    protected override async Task ExecuteSqlAsync(string sql) => await _file.QueryAsync(sql);

    protected override async Task<IReadOnlyList<long>> ReadSchemaVersionsAsync() =>
        [.. (await _file.QueryAsync("SELECT version FROM schema_version ORDER BY version;")).Select(row => (long)row[0]!)];

    protected override async Task<IReadOnlyList<string>> ReadTableNamesAsync() =>
        [.. (await _file.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table';")).Select(row => (string)row[0]!)];

    protected override Task FailBiometricKeyUpdatesAsync() =>
        ExecuteSqlAsync("CREATE TRIGGER fail_key_revocation BEFORE UPDATE ON biometric_keys BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");

    [Fact]
    public async Task Initialize_NewFile_SwitchesItToWalMode()
    {
        await OpenRepository().InitializeAsync(Cancel);

        Assert.Equal("wal", (await _file.QueryAsync("PRAGMA journal_mode;"))[0][0]);
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
}
