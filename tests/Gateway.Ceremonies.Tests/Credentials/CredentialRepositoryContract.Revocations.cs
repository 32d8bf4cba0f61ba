using PasskeyGateway.Ceremonies.Revocations;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task ListRevocations_LeavesOutExpiredOnes_AndOptionallyThoseRevokedBeforeAnInstant()
    {
        var repository = OpenRepository();
        var expired = new Revocation(RevocationKind.Session, "s-old", Now.AddHours(-9), Now.AddHours(-1));
        var expiringNow = new Revocation(RevocationKind.Session, "s-now", Now.AddHours(-8), Now);
        var early = new Revocation(RevocationKind.Device, "d1", Now.AddHours(-2), Now.AddHours(6));
        var late = new Revocation(RevocationKind.User, "u1", Now.AddMinutes(-1), Now.AddHours(8));
        var sameIdOtherKind = new Revocation(RevocationKind.Credential, "d1", Now.AddMinutes(-30), Now.AddHours(8));
        foreach (var revocation in new[] { expired, expiringNow, early, late, sameIdOtherKind })
        {
            await repository.AddRevocationAsync(revocation, Cancel);
        }

        Assert.Equal([early, sameIdOtherKind, late], await repository.ListRevocationsAsync(Now, revokedSince: null, Cancel));
        Assert.Equal([sameIdOtherKind, late], await repository.ListRevocationsAsync(Now, revokedSince: Now.AddMinutes(-30), Cancel));
        Assert.Empty(await repository.ListRevocationsAsync(Now.AddHours(8), revokedSince: null, Cancel));
        Assert.Equal([early, sameIdOtherKind, late], await OpenRepository().ListRevocationsAsync(Now, revokedSince: null, Cancel));
    }

    [Fact]
    public async Task AddRevocation_Again_KeepsTheLaterRevocationAndExpiryTimes()
    {
        var repository = OpenRepository();
        await repository.AddRevocationAsync(new Revocation(RevocationKind.User, "alice", Now, Now.AddHours(8)), Cancel);
        await repository.AddRevocationAsync(new Revocation(RevocationKind.User, "alice", Now.AddMinutes(-5), Now.AddHours(1)), Cancel);
        await repository.AddRevocationAsync(new Revocation(RevocationKind.User, "alice", Now.AddMinutes(5), Now.AddHours(2)), Cancel);

        Assert.Equal(
            [new Revocation(RevocationKind.User, "alice", Now.AddMinutes(5), Now.AddHours(8))],
            await repository.ListRevocationsAsync(Now, revokedSince: null, Cancel));
    }

    [Fact]
    public async Task PurgeExpiredRevocations_DeletesThoseExpired_AndKeepsThoseInForce()
    {
        var repository = OpenRepository();
        var expired = new Revocation(RevocationKind.Session, "s-old", Now.AddHours(-9), Now.AddHours(-1));
        var expiringNow = new Revocation(RevocationKind.Session, "s-now", Now.AddHours(-8), Now);
        var inForce = new Revocation(RevocationKind.Device, "d1", Now.AddHours(-2), Now.AddHours(6));
        foreach (var revocation in new[] { expired, expiringNow, inForce })
        {
            await repository.AddRevocationAsync(revocation, Cancel);
        }

        Assert.Equal(2, await repository.PurgeExpiredRevocationsAsync(Now, Cancel));
        Assert.Equal(0, await repository.PurgeExpiredRevocationsAsync(Now, Cancel));

        // Looking from before they expired shows that they are gone, not just filtered out.
        Assert.Equal([inForce], await repository.ListRevocationsAsync(Now.AddHours(-10), revokedSince: null, Cancel));
    }
}
