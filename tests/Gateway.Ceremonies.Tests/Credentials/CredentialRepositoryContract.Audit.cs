using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task AppendAudit_ThenRead_RoundTripsEveryField()
    {
        var repository = OpenRepository();
        var full = CredentialSamples.Audit("alice-id");
        var bare = new AuditEntry(Now.AddSeconds(1), UserId: null, "passkey.authentication", "signature-invalid", ClientIp: null, UserAgent: null, Detail: null);

        var fullId = await repository.AppendAuditAsync(full, Cancel);
        var bareId = await repository.AppendAuditAsync(bare, Cancel);

        Assert.True(bareId > fullId);
        var page = await repository.ReadAuditAsync(userId: null, beforeId: null, limit: 10, Cancel);
        Assert.Equal([new AuditRecord(bareId, bare), new AuditRecord(fullId, full)], page.Records);
        Assert.Null(page.NextBeforeId);
    }

    [Fact]
    public async Task ReadAudit_PagesNewestFirstByKeyset_OptionallyForOneUser()
    {
        var repository = OpenRepository();
        var ids = new List<(long Id, string User)>();
        for (var i = 0; i < 7; i++)
        {
            var user = i % 3 == 0 ? "bob" : "alice";
            ids.Add((await repository.AppendAuditAsync(CredentialSamples.Audit(user) with { At = Now.AddSeconds(i) }, Cancel), user));
        }

        var newestFirst = ids.Select(e => e.Id).Reverse().ToArray();
        Assert.Equal([newestFirst[..3], newestFirst[3..6], newestFirst[6..]], await ReadAllPagesAsync(repository, userId: null, limit: 3));
        Assert.Equal([newestFirst[..7]], await ReadAllPagesAsync(repository, userId: null, limit: 7));

        var bobsNewestFirst = ids.Where(e => e.User == "bob").Select(e => e.Id).Reverse().ToArray();
        Assert.Equal([bobsNewestFirst[..2], bobsNewestFirst[2..]], await ReadAllPagesAsync(repository, userId: "bob", limit: 2));
        Assert.Equal([Array.Empty<long>()], await ReadAllPagesAsync(repository, userId: "carol", limit: 2));
    }

    [Fact]
    public async Task PurgeAudit_DeletesEntriesRecordedBeforeAnInstant_AndPagingGoesOn()
    {
        var repository = OpenRepository();
        var old = await repository.AppendAuditAsync(CredentialSamples.Audit("alice") with { At = Now.AddDays(-40) }, Cancel);
        var edge = await repository.AppendAuditAsync(CredentialSamples.Audit("alice") with { At = Now.AddDays(-30) }, Cancel);
        var recent = await repository.AppendAuditAsync(CredentialSamples.Audit("bob") with { At = Now }, Cancel);

        Assert.Equal(1, await repository.PurgeAuditAsync(Now.AddDays(-30), Cancel));
        Assert.Equal(0, await repository.PurgeAuditAsync(Now.AddDays(-30), Cancel));

        Assert.Equal([[recent, edge]], await ReadAllPagesAsync(repository, userId: null, limit: 5));
        Assert.DoesNotContain(old, (await repository.ReadAuditAsync("alice", null, 5, Cancel)).Records.Select(r => r.Id));
        var next = await repository.AppendAuditAsync(CredentialSamples.Audit("carol"), Cancel);
        Assert.True(next > recent);
    }

    private static async Task<List<long[]>> ReadAllPagesAsync(ICredentialRepository repository, string? userId, int limit)
    {
        var pages = new List<long[]>();
        long? before = null;
        do
        {
            var page = await repository.ReadAuditAsync(userId, before, limit, Cancel);
            Assert.All(page.Records, r => Assert.Equal(userId ?? r.Entry.UserId, r.Entry.UserId));
            pages.Add([.. page.Records.Select(r => r.Id)]);
            before = page.NextBeforeId;
        }
        while (before is not null);

        return pages;
    }
}
