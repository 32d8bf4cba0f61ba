using Microsoft.Extensions.Logging.Abstractions;
using PasskeyGateway.Ceremonies.Credentials.Sqlite;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Ceremonies.Tests.Credentials;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Revocations;

/// <summary>
/// The revocation feed (<see cref="IRevocationFeed"/>): whatever way a revocation reaches a replica — made there,
/// announced by another over Redis, read from the repository — the replica says so once it holds it, and only for
/// what it did not hold already (the repository's reloads bring back what it has). Two lists on one SQLite file and
/// one real redis-server stand for two replicas.
/// </summary>
public sealed class DurableRevocationListTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    private static readonly TimeSpan Heard = TimeSpan.FromSeconds(10);

    private readonly SqliteTestFile _file = new();
    private readonly List<SqliteCredentialRepository> _repositories = [];
    private readonly List<DurableRevocationList> _lists = [];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        foreach (var list in _lists)
        {
            list.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            list.Dispose();
        }

        _repositories.ForEach(r => r.Dispose());
        _file.Dispose();
    }

    [Fact]
    public async Task Revoke_OnOneReplica_IsAnnouncedOnBoth_OnceEach()
    {
        var (a, aHeard) = await StartAsync(withRedis: true);
        var (b, bHeard) = await StartAsync(withRedis: true);

        await a.RevokeAsync(Session("s1"), Cancel);

        Assert.Equal(1, aHeard.Count);
        await Eventually.UntilAsync(() => Task.FromResult(bHeard.Count == 1), Heard, "replica B hearing the revocation");
        Assert.Equal(RevocationKind.Session, b.FindRevocation(Keys("s1")));

        // A's own announcement comes back to it over Redis, and B re-reads it: neither is news.
        await b.ReloadAsync(Cancel);
        Assert.Equal(1, aHeard.Count);
        Assert.Equal(1, bHeard.Count);
    }

    [Fact]
    public async Task Reload_FindsWhatAnotherProcessRevoked_AndSaysSoOnce()
    {
        var (cli, _) = await StartAsync(withRedis: false);
        var (replica, heard) = await StartAsync(withRedis: false);

        await cli.RevokeAsync(Session("s2"), Cancel);
        await replica.ReloadAsync(Cancel);
        await replica.ReloadAsync(Cancel);

        Assert.Equal(1, heard.Count);
        Assert.Equal(RevocationKind.Session, replica.FindRevocation(Keys("s2")));
    }

    [Fact]
    public async Task Revoke_Again_IsNoNews_ButALaterUserRevocationIs()
    {
        var (list, heard) = await StartAsync(withRedis: false);
        var now = DateTimeOffset.UtcNow;

        await list.RevokeAsync(new Revocation(RevocationKind.User, "alice", now, now.AddHours(1)), Cancel);
        await list.RevokeAsync(new Revocation(RevocationKind.User, "alice", now, now.AddHours(1)), Cancel);
        Assert.Equal(1, heard.Count);

        // A later RevokedAt refuses sessions the first one let live.
        await list.RevokeAsync(new Revocation(RevocationKind.User, "alice", now.AddMinutes(1), now.AddHours(1)), Cancel);
        Assert.Equal(2, heard.Count);
    }

    [Fact]
    public async Task AListenerThatThrows_DoesNotFailTheRevocation_NorKeepOthersFromHearing()
    {
        var (list, heard) = await StartAsync(withRedis: false);
        list.RevocationsAdded += () => throw new InvalidOperationException("a broken listener");
        var after = new Counter();
        list.RevocationsAdded += after.Increment;

        await list.RevokeAsync(Session("s3"), Cancel);

        Assert.Equal(1, heard.Count);
        Assert.Equal(1, after.Count);
        Assert.Equal(RevocationKind.Session, list.FindRevocation(Keys("s3")));
    }

    private async Task<(DurableRevocationList List, Counter Heard)> StartAsync(bool withRedis)
    {
        var repository = new SqliteCredentialRepository(_file.ConnectionString, NullLogger<SqliteCredentialRepository>.Instance);
        _repositories.Add(repository);
        var list = new DurableRevocationList(repository, TimeProvider.System, NullLogger<DurableRevocationList>.Instance, withRedis ? redis.Connection : null);
        _lists.Add(list);
        var heard = new Counter();
        list.RevocationsAdded += heard.Increment;
        await list.StartAsync(Cancel);
        return (list, heard);
    }

    private static Revocation Session(string id) => new(RevocationKind.Session, id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

    private static TokenRevocationKeys Keys(string sessionId) => new("alice", sessionId, null, null, DateTimeOffset.UtcNow.AddMinutes(-1));

    private sealed class Counter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}
