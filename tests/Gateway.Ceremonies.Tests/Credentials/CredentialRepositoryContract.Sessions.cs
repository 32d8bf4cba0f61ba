using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>Session records and enrollment links (DESIGN.md §11.1, §11.6).</summary>
public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task Sessions_ListedNewestFirst_UntilEndedOrExpired()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var older = CredentialSamples.Session(alice.Id, Now.AddHours(-13)); // expired at Now - 1 h
        var first = CredentialSamples.Session(alice.Id, Now.AddMinutes(-2)) with { UserAgent = new string('x', 300), DeviceId = "device-1" };
        var second = CredentialSamples.Session(alice.Id, Now.AddMinutes(-1));
        foreach (var session in new[] { older, first, second, CredentialSamples.Session(bob.Id, Now) })
        {
            Assert.Empty(await repository.AddSessionAsync(session, 50, Now, Cancel));
        }

        var listed = await repository.ListSessionsAsync(alice.Id, Now, Cancel);
        Assert.Equal([second.Id, first.Id], listed.Select(s => s.Id));
        Assert.Equal(first with { UserAgent = new string('x', 200) }, listed[1]);

        Assert.False(await repository.EndSessionAsync(bob.Id, first.Id, Now, Cancel));
        Assert.True(await repository.EndSessionAsync(alice.Id, first.Id, Now, Cancel));
        Assert.False(await repository.EndSessionAsync(alice.Id, first.Id, Now, Cancel));
        Assert.Equal([second.Id], (await repository.ListSessionsAsync(alice.Id, Now, Cancel)).Select(s => s.Id));

        Assert.Equal([second.Id], await repository.EndAllSessionsAsync(alice.Id, Now, Cancel));
        Assert.Empty(await repository.ListSessionsAsync(alice.Id, Now, Cancel));
        Assert.Single(await repository.ListSessionsAsync(bob.Id, Now, Cancel));
    }

    [Fact]
    public async Task AddSession_BeyondTheLimit_EndsTheOldest()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var sessions = Enumerable.Range(0, 4).Select(i => CredentialSamples.Session(alice.Id, Now.AddMinutes(i - 10))).ToList();

        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(await repository.AddSessionAsync(sessions[i], 3, Now, Cancel));
        }

        Assert.Equal([sessions[0].Id], await repository.AddSessionAsync(sessions[3], 3, Now, Cancel));
        Assert.Equal([sessions[3].Id, sessions[2].Id, sessions[1].Id], (await repository.ListSessionsAsync(alice.Id, Now, Cancel)).Select(s => s.Id));
    }

    [Fact]
    public async Task RenewSession_OnlyALiveSessionOfItsOwnUser_KeepingWhenItBegan()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var live = CredentialSamples.Session(alice.Id, Now.AddHours(-1)) with { DeviceId = "device-1" };
        var ended = CredentialSamples.Session(alice.Id, Now.AddHours(-1));
        var expired = CredentialSamples.Session(alice.Id, Now.AddDays(-1));
        foreach (var session in new[] { live, ended, expired })
        {
            await repository.AddSessionAsync(session, 50, Now.AddDays(-2), Cancel);
        }

        await repository.EndSessionAsync(alice.Id, ended.Id, Now, Cancel);
        var renewed = live with { CreatedAt = Now, ExpiresAt = Now.AddHours(12), AuthMethod = "biometric", UserAgent = new string('y', 300), DeviceId = null };

        Assert.False(await repository.RenewSessionAsync(renewed with { UserId = bob.Id }, Now, Cancel));
        Assert.False(await repository.RenewSessionAsync(renewed with { Id = ended.Id }, Now, Cancel));
        Assert.False(await repository.RenewSessionAsync(renewed with { Id = expired.Id }, Now, Cancel));
        Assert.False(await repository.RenewSessionAsync(renewed with { Id = "never-recorded" }, Now, Cancel));
        Assert.True(await repository.RenewSessionAsync(renewed, Now, Cancel));

        var listed = Assert.Single(await repository.ListSessionsAsync(alice.Id, Now, Cancel));
        Assert.Equal(renewed with { CreatedAt = live.CreatedAt, UserAgent = new string('y', 200) }, listed);
        Assert.Empty(await repository.ListSessionsAsync(bob.Id, Now, Cancel));
    }

    [Fact]
    public async Task PurgeSessions_DeletesEndedAndExpiredRecordsOnly()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var expired = CredentialSamples.Session(alice.Id, Now.AddDays(-2));
        var ended = CredentialSamples.Session(alice.Id, Now.AddHours(-1));
        var live = CredentialSamples.Session(alice.Id, Now.AddHours(-1));
        foreach (var session in new[] { expired, ended, live })
        {
            await repository.AddSessionAsync(session, 50, Now.AddDays(-3), Cancel);
        }

        await repository.EndSessionAsync(alice.Id, ended.Id, Now.AddMinutes(-30), Cancel);

        Assert.Equal(2, await repository.PurgeSessionsAsync(Now, Cancel));
        Assert.Equal([live.Id], (await repository.ListSessionsAsync(alice.Id, Now, Cancel)).Select(s => s.Id));
    }

    [Fact]
    public async Task EnrollmentLink_UsableUntilSpent_AndSpentOnlyWithItsPasskey()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var link = CredentialSamples.Link(alice.Id, Now);
        await repository.AddEnrollmentLinkAsync(link, Cancel);

        var found = await OpenRepository().FindUsableEnrollmentLinkAsync(link.TokenHash, Now, Cancel);
        Assert.Equal((Convert.ToHexString(link.TokenHash.Span), link.UserId, link.CreatedAt, link.ExpiresAt, link.CreatedBy), (Convert.ToHexString(found!.TokenHash.Span), found.UserId, found.CreatedAt, found.ExpiresAt, found.CreatedBy));
        Assert.Null(await repository.FindUsableEnrollmentLinkAsync(RandomNumberGenerator.GetBytes(32), Now, Cancel));
        Assert.Null(await repository.FindUsableEnrollmentLinkAsync(link.TokenHash, link.ExpiresAt, Cancel));

        var passkey = CredentialSamples.Passkey(alice.Id);
        Assert.Equal(EnrollmentResult.Enrolled, await repository.EnrollAsync(link.TokenHash, passkey, Now, Cancel));
        Assert.Single(await repository.ListPasskeysAsync(alice.Id, Cancel));

        Assert.Null(await repository.FindUsableEnrollmentLinkAsync(link.TokenHash, Now, Cancel));
        Assert.Equal(EnrollmentResult.LinkInvalid, await repository.EnrollAsync(link.TokenHash, CredentialSamples.Passkey(alice.Id), Now, Cancel));
        Assert.Single(await repository.ListPasskeysAsync(alice.Id, Cancel));
    }

    [Fact]
    public async Task EnrollmentLink_VoidedByANewerLink_OrByDisablingTheAccount_OrForAnotherUser()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var older = CredentialSamples.Link(alice.Id, Now.AddMinutes(-5));
        var newer = CredentialSamples.Link(alice.Id, Now);
        await repository.AddEnrollmentLinkAsync(older, Cancel);
        await repository.AddEnrollmentLinkAsync(newer, Cancel);

        Assert.Null(await repository.FindUsableEnrollmentLinkAsync(older.TokenHash, Now, Cancel));
        Assert.Equal(EnrollmentResult.LinkInvalid, await repository.EnrollAsync(older.TokenHash, CredentialSamples.Passkey(alice.Id), Now, Cancel));
        Assert.Equal(EnrollmentResult.LinkInvalid, await repository.EnrollAsync(newer.TokenHash, CredentialSamples.Passkey(bob.Id), Now, Cancel));
        Assert.NotNull(await repository.FindUsableEnrollmentLinkAsync(newer.TokenHash, Now, Cancel));

        await repository.UpdateUserAsync(alice.Id, new AccountChange(Disabled: true), Now, Cancel);
        Assert.Null(await repository.FindUsableEnrollmentLinkAsync(newer.TokenHash, Now, Cancel));

        // Enabled again, the account's links stay void: a link is made anew.
        await repository.UpdateUserAsync(alice.Id, new AccountChange(Disabled: false), Now, Cancel);
        Assert.Equal(EnrollmentResult.LinkInvalid, await repository.EnrollAsync(newer.TokenHash, CredentialSamples.Passkey(alice.Id), Now, Cancel));
        Assert.Empty(await repository.ListPasskeysAsync(alice.Id, Cancel));
        Assert.Empty(await repository.ListPasskeysAsync(bob.Id, Cancel));
    }

    [Fact]
    public async Task Enroll_CredentialIdTaken_WritesNothing_AndKeepsTheLinkUsable()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var taken = CredentialSamples.Passkey(bob.Id);
        await repository.AddPasskeyAsync(taken, Cancel);
        var link = CredentialSamples.Link(alice.Id, Now);
        await repository.AddEnrollmentLinkAsync(link, Cancel);

        var result = await repository.EnrollAsync(link.TokenHash, CredentialSamples.Passkey(alice.Id, taken.CredentialId.ToArray()), Now, Cancel);

        Assert.Equal(EnrollmentResult.CredentialExists, result);
        Assert.Empty(await repository.ListPasskeysAsync(alice.Id, Cancel));
        Assert.NotNull(await repository.FindUsableEnrollmentLinkAsync(link.TokenHash, Now, Cancel));
    }

    [Fact]
    public async Task Enroll_TwoFinishesRacingOnOneLink_ExactlyOneSucceeds()
    {
        var alice = await CreateUserAsync(OpenRepository(), "alice");
        var link = CredentialSamples.Link(alice.Id, Now);
        await OpenRepository().AddEnrollmentLinkAsync(link, Cancel);
        var (a, b) = (OpenRepository(), OpenRepository());

        var results = await RaceAsync(
            () => a.EnrollAsync(link.TokenHash, CredentialSamples.Passkey(alice.Id), Now, Cancel),
            () => b.EnrollAsync(link.TokenHash, CredentialSamples.Passkey(alice.Id), Now, Cancel));

        Assert.Equal([EnrollmentResult.Enrolled, EnrollmentResult.LinkInvalid], results.Order());
        Assert.Single(await OpenRepository().ListPasskeysAsync(alice.Id, Cancel));
    }

    [Fact]
    public async Task PurgeEnrollmentLinks_DeletesSpentVoidedAndExpiredOnly()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var voided = CredentialSamples.Link(alice.Id, Now.AddHours(-2));
        var usable = CredentialSamples.Link(alice.Id, Now.AddHours(-1));
        var expired = CredentialSamples.Link(bob.Id, Now.AddDays(-2));
        foreach (var link in new[] { voided, usable, expired })
        {
            await repository.AddEnrollmentLinkAsync(link, Cancel);
        }

        Assert.Equal(2, await repository.PurgeEnrollmentLinksAsync(Now, Cancel));
        Assert.NotNull(await repository.FindUsableEnrollmentLinkAsync(usable.TokenHash, Now, Cancel));
    }
}
