using System.Data.Common;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task Initialize_NewStore_CreatesEveryTable_AndRecordsEveryStep()
    {
        await OpenRepository().InitializeAsync(Cancel);

        Assert.Equal(Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
        Assert.Superset(
            new HashSet<string> { "audit_trail", "biometric_keys", "devices", "enrollment_links", "gateway_secrets", "passkeys", "revocations", "schema_version", "sessions", "users" },
            (await ReadTableNamesAsync()).ToHashSet());
    }

    [Fact]
    public async Task Initialize_StepThatFailsHalfway_LeavesNoTraceOfIt_AndTheStoreWorks()
    {
        var alice = await CreateUserAsync(OpenRepository(), "alice");
        var broken = new SchemaMigration(Migrations[^1].Version + 1, "fails after its first statement", """
            CREATE TABLE half_done (id INTEGER NOT NULL);
            INSERT INTO no_such_table (id) VALUES (1);
            """);

        var upgrading = OpenRepository([.. Migrations, broken]);
        await Assert.ThrowsAnyAsync<DbException>(() => upgrading.InitializeAsync(Cancel));

        // Both engines roll DDL back with the transaction: neither the table nor the version row remains.
        Assert.Equal(Migrations.Select(m => (long)m.Version), await ReadSchemaVersionsAsync());
        Assert.DoesNotContain("half_done", await ReadTableNamesAsync());
        Assert.Equal(Comparable.Of(alice), Comparable.Of(await OpenRepository().FindUserAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task Initialize_FourReplicasAtOnceOnANewStore_AllSucceedWithOneSchema()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenRepository()).ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = replicas.Select(r => Task.Run(async () =>
        {
            await start.Task;
            await r.InitializeAsync(Cancel);
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(starting);

        var versions = await ReadSchemaVersionsAsync();
        Assert.Equal(Enumerable.Range(1, versions.Count).Select(v => (long)v), versions);
        var alice = await CreateUserAsync(replicas[0], "alice");
        foreach (var replica in replicas)
        {
            Assert.Equal(Comparable.Of(alice), Comparable.Of(await replica.FindUserAsync(alice.Id, Cancel)));
        }
    }

    [Fact]
    public async Task Initialize_AgainOnAnExistingStore_KeepsItsDataAndSchema()
    {
        var alice = await CreateUserAsync(OpenRepository(), "alice");
        var versions = await ReadSchemaVersionsAsync();

        var reopened = OpenRepository();
        await reopened.InitializeAsync(Cancel);
        await reopened.InitializeAsync(Cancel);

        Assert.Equal(versions, await ReadSchemaVersionsAsync());
        Assert.Equal(Comparable.Of(alice), Comparable.Of(await reopened.FindUserAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task Initialize_StoreWithANewerSchema_IsRefusedWithAClearMessage()
    {
        await OpenRepository().InitializeAsync(Cancel);
        await ExecuteSqlAsync("INSERT INTO schema_version (version, description) VALUES (999, 'written by a future gateway');");

        var repository = OpenRepository();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => repository.InitializeAsync(Cancel));
        var refusedAgain = await Assert.ThrowsAsync<InvalidOperationException>(() => repository.FindUserAsync("alice", Cancel));

        Assert.Contains("schema version 999", refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer gateway", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, refusedAgain.Message);
    }
}
