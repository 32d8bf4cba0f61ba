using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;
using PasskeyGateway.Configuration;
using PasskeyGateway.Observability;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Observability;

/// <summary><c>Gateway:Store:AuditRetention</c> on a real SQLite store: older entries go at start, newer ones stay.</summary>
public sealed class AuditRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("audit-retention-").FullName;
    private readonly SqliteCredentialRepository _repository;

    public AuditRetentionTests() =>
        _repository = new SqliteCredentialRepository($"Data Source={Path.Combine(_directory, "gateway.db")}", NullLogger<SqliteCredentialRepository>.Instance);

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task WithRetention_EntriesOlderThanItAreDeleted_AndNewerOnesKept()
    {
        await AppendAsync(Now.AddDays(-31), "too-old");
        await AppendAsync(Now.AddDays(-29), "kept");
        await AppendAsync(Now.AddMinutes(-1), "recent");

        using var retention = await StartAsync(TimeSpan.FromDays(30));
        await Eventually.UntilAsync(
            async () => (await EventsAsync()).SequenceEqual(["recent", "kept"]),
            TimeSpan.FromSeconds(30),
            "the entry older than 30 days deleted");
        await retention.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ByDefault_EntriesOlderThan90DaysAreDeleted()
    {
        // Audit entries hold client addresses and user agents: they are not kept for ever unless asked to.
        await AppendAsync(Now.AddDays(-91), "too-old");
        await AppendAsync(Now.AddDays(-89), "kept");

        using var retention = await StartAsync(new StoreOptions().AuditRetention);
        await Eventually.UntilAsync(
            async () => (await EventsAsync()).SequenceEqual(["kept"]),
            TimeSpan.FromSeconds(30),
            "the entry older than 90 days deleted");
        await retention.StopAsync(TestContext.Current.CancellationToken);
    }

    private async Task<AuditRetention> StartAsync(TimeSpan retention)
    {
        var service = new AuditRetention(
            _repository,
            new GatewayOptions { Store = new StoreOptions { AuditRetention = retention } },
            new ManualTimeProvider(Now),
            NullLogger<AuditRetention>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        return service;
    }

    private Task AppendAsync(DateTimeOffset at, string @event) =>
        _repository.AppendAuditAsync(new AuditEntry(at, "alice", @event, "success", "203.0.113.7", "test", null), TestContext.Current.CancellationToken);

    private async Task<IEnumerable<string>> EventsAsync() =>
        (await _repository.ReadAuditAsync(null, null, 10, TestContext.Current.CancellationToken)).Records.Select(r => r.Entry.Event);
}
