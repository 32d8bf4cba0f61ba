using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Ceremonies.Tests.Revocations;

public sealed class InMemoryRevocationListTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(Now);

    [Fact]
    public async Task FindRevocation_EachKind_MatchesItsOwnClaimOnly()
    {
        var list = new InMemoryRevocationList(_time);
        await list.RevokeAsync(new Revocation(RevocationKind.Session, "s1", Now, Now.AddHours(8)), default);
        await list.RevokeAsync(new Revocation(RevocationKind.Credential, "c1", Now, Now.AddHours(8)), default);
        await list.RevokeAsync(new Revocation(RevocationKind.Device, "d1", Now, Now.AddHours(8)), default);

        Assert.Equal(RevocationKind.Session, list.FindRevocation(Keys(sid: "s1")));
        Assert.Equal(RevocationKind.Credential, list.FindRevocation(Keys(cred: "c1")));
        Assert.Equal(RevocationKind.Device, list.FindRevocation(Keys(device: "d1")));
        Assert.Null(list.FindRevocation(Keys(sid: "c1", cred: "d1", device: "s1")));
    }

    [Fact]
    public async Task FindRevocation_UserRevocation_RefusesOnlySessionsThatBeganBefore()
    {
        var list = new InMemoryRevocationList(_time);
        await list.RevokeAsync(new Revocation(RevocationKind.User, "alice", Now, Now.AddHours(8)), default);

        Assert.Equal(RevocationKind.User, list.FindRevocation(Keys(subject: "alice", authAt: Now.AddMinutes(-5))));
        Assert.Null(list.FindRevocation(Keys(subject: "alice", authAt: Now.AddSeconds(1))));
        Assert.Null(list.FindRevocation(Keys(subject: "bob", authAt: Now.AddMinutes(-5))));
    }

    [Fact]
    public async Task Revocations_AreForgottenAfterTheyExpire()
    {
        var list = new InMemoryRevocationList(_time);
        await list.RevokeAsync(new Revocation(RevocationKind.Session, "old", Now, Now.AddMinutes(1)), default);
        _time.Advance(TimeSpan.FromMinutes(2));

        await list.RevokeAsync(new Revocation(RevocationKind.Session, "new", _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(1)), default);

        Assert.Equal(1, list.Count);
        Assert.Equal(RevocationKind.Session, list.FindRevocation(Keys(sid: "new")));
    }

    [Fact]
    public async Task Revoke_Twice_KeepsTheLaterExpiry()
    {
        var list = new InMemoryRevocationList(_time);
        await list.RevokeAsync(new Revocation(RevocationKind.Device, "d", Now, Now.AddHours(8)), default);
        await list.RevokeAsync(new Revocation(RevocationKind.Device, "d", Now, Now.AddMinutes(1)), default);
        _time.Advance(TimeSpan.FromHours(1));
        list.RemoveExpired();

        Assert.Equal(RevocationKind.Device, list.FindRevocation(Keys(device: "d")));
    }

    [Fact]
    public async Task FindRevocation_AccountVersion_RefusesOlderVersionsOfThatUserOnly_WhenEverTheySignedIn()
    {
        var list = new InMemoryRevocationList(_time);
        await list.RevokeAsync(new Revocation(RevocationKind.AccountVersion, AccountVersionId.Format("alice", 3), Now, Now.AddHours(8)), default);
        await list.RevokeAsync(new Revocation(RevocationKind.AccountVersion, AccountVersionId.Format("alice", 2), Now, Now.AddHours(9)), default);

        // A sign-in that read version 2 just before the change, and finished after it, is refused too.
        Assert.Equal(RevocationKind.AccountVersion, list.FindRevocation(Keys(version: 2, authAt: Now.AddSeconds(1))));
        Assert.Equal(RevocationKind.AccountVersion, list.FindRevocation(Keys(version: 1)));
        Assert.Null(list.FindRevocation(Keys(version: 3)));
        Assert.Null(list.FindRevocation(Keys(subject: "bob", version: 1)));

        _time.Advance(TimeSpan.FromHours(9));
        list.RemoveExpired();
        Assert.Null(list.FindRevocation(Keys(version: 1)));
    }

    [Fact]
    public void Add_SaysWhetherItRefusesMoreThanBefore()
    {
        var list = new InMemoryRevocationList(_time);

        Assert.True(list.Add(new Revocation(RevocationKind.Session, "s", Now, Now.AddHours(8))));
        Assert.False(list.Add(new Revocation(RevocationKind.Session, "s", Now, Now.AddHours(8))));
        Assert.False(list.Add(new Revocation(RevocationKind.Session, "s", Now.AddMinutes(-1), Now.AddHours(9))));
        Assert.True(list.Add(new Revocation(RevocationKind.User, "alice", Now, Now.AddHours(8))));
        Assert.True(list.Add(new Revocation(RevocationKind.User, "alice", Now.AddMinutes(1), Now.AddHours(8))));
        Assert.True(list.Add(new Revocation(RevocationKind.AccountVersion, AccountVersionId.Format("alice", 2), Now, Now.AddHours(8))));
    }

    private static TokenRevocationKeys Keys(string subject = "alice", string? sid = null, string? cred = null, string? device = null, DateTimeOffset? authAt = null, long version = 1) =>
        new(subject, sid, cred, device, authAt ?? Now.AddMinutes(-1), version);
}
