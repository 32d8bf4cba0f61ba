using System.Data.Common;
using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task AddPasskey_ThenFindAndList_RoundTripsEveryField()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var full = CredentialSamples.Passkey(alice.Id);
        var bare = CredentialSamples.Passkey(alice.Id) with
        {
            SignCount = 0,
            Aaguid = Guid.Empty,
            Transports = [],
            BackupEligible = false,
            BackupState = false,
            AttestationFormat = "none",
            AttestationTrust = AttestationTrust.None,
            Nickname = null,
            CreatedAt = Now.AddDays(-1),
            LastUsedAt = null,
            FlaggedAt = null,
            FlagReason = null,
        };

        Assert.Equal(CreateResult.Created, await repository.AddPasskeyAsync(full, Cancel));
        Assert.Equal(CreateResult.Created, await repository.AddPasskeyAsync(bare, Cancel));

        Assert.Equal(Comparable.Of(full), Comparable.Of(await repository.FindPasskeyAsync(full.CredentialId, Cancel)));
        Assert.Equal(Comparable.Of(bare), Comparable.Of(await repository.FindPasskeyAsync(bare.CredentialId, Cancel)));
        Assert.Equal(Comparable.All([full, bare]), Comparable.All(await repository.ListPasskeysAsync(alice.Id, Cancel)));
        Assert.Null(await repository.FindPasskeyAsync(RandomNumberGenerator.GetBytes(32), Cancel));
        Assert.Empty(await repository.ListPasskeysAsync("unknown", Cancel));
    }

    [Fact]
    public async Task AddPasskey_CredentialIdTakenByAnotherUser_IsConflictAndKeepsTheFirst()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var original = CredentialSamples.Passkey(alice.Id);

        await repository.AddPasskeyAsync(original, Cancel);

        Assert.Equal(CreateResult.Conflict, await repository.AddPasskeyAsync(CredentialSamples.Passkey(bob.Id, original.CredentialId.ToArray()), Cancel));
        Assert.Equal(CreateResult.Conflict, await repository.AddPasskeyAsync(CredentialSamples.Passkey(alice.Id, original.CredentialId.ToArray()), Cancel));
        Assert.Equal(Comparable.Of(original), Comparable.Of(await repository.FindPasskeyAsync(original.CredentialId, Cancel)));
        Assert.Empty(await repository.ListPasskeysAsync(bob.Id, Cancel));
    }

    [Fact]
    public async Task AddPasskey_SameCredentialIdFromTwoReplicasAtOnce_ExactlyOneIsCreated()
    {
        var (first, second) = (OpenRepository(), OpenRepository());
        var alice = await CreateUserAsync(first, "alice");
        var bob = await CreateUserAsync(second, "bob");

        // Several rounds: one race may happen to run one after the other; across rounds they overlap.
        for (var round = 0; round < 10; round++)
        {
            var credentialId = RandomNumberGenerator.GetBytes(16);
            var results = await RaceAsync(
                () => first.AddPasskeyAsync(CredentialSamples.Passkey(alice.Id, credentialId), Cancel),
                () => second.AddPasskeyAsync(CredentialSamples.Passkey(bob.Id, credentialId), Cancel));

            Assert.Equal([CreateResult.Created, CreateResult.Conflict], results.Order());
            var winner = results[0] == CreateResult.Created ? alice : bob;
            Assert.Equal(winner.Id, (await first.FindPasskeyAsync(credentialId, Cancel))?.UserId);
        }
    }

    [Fact]
    public async Task AddPasskey_ForAUserThatDoesNotExist_Throws()
    {
        // The foreign key holds: an orphan credential is a bug, not a result.
        var repository = OpenRepository();
        var orphan = CredentialSamples.Passkey("nobody");

        await Assert.ThrowsAnyAsync<DbException>(() => repository.AddPasskeyAsync(orphan, Cancel));

        Assert.Null(await repository.FindPasskeyAsync(orphan.CredentialId, Cancel));
    }

    [Fact]
    public async Task RecordPasskeySignIn_UpdatesCountBackupStateAndLastUse_AndNeverLowersTheCount()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var passkey = CredentialSamples.Passkey(alice.Id) with { SignCount = 10, BackupState = false, LastUsedAt = null };
        await repository.AddPasskeyAsync(passkey, Cancel);

        Assert.True(await repository.RecordPasskeySignInAsync(passkey.CredentialId, 11, backupState: true, Now, Cancel));
        var afterSignIn = await repository.FindPasskeyAsync(passkey.CredentialId, Cancel);
        Assert.Equal(Comparable.Of(passkey with { SignCount = 11, BackupState = true, LastUsedAt = Now }), Comparable.Of(afterSignIn));

        // A slower sign-in that read the old count finishes last: the higher count stays.
        Assert.True(await repository.RecordPasskeySignInAsync(passkey.CredentialId, 5, backupState: false, Now.AddSeconds(1), Cancel));
        var afterLateWrite = await repository.FindPasskeyAsync(passkey.CredentialId, Cancel);
        Assert.Equal(11u, afterLateWrite!.SignCount);
        Assert.Equal(Now.AddSeconds(1), afterLateWrite.LastUsedAt);

        Assert.False(await repository.RecordPasskeySignInAsync(RandomNumberGenerator.GetBytes(32), 1, false, Now, Cancel));
    }

    [Fact]
    public async Task FlagPasskey_RecordsReasonAndTime()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var passkey = CredentialSamples.Passkey(alice.Id) with { FlaggedAt = null, FlagReason = null };
        await repository.AddPasskeyAsync(passkey, Cancel);
        Assert.False((await repository.FindPasskeyAsync(passkey.CredentialId, Cancel))!.IsFlagged);

        Assert.True(await repository.FlagPasskeyAsync(passkey.CredentialId, "sign-count-regression", Now, Cancel));

        var flagged = await repository.FindPasskeyAsync(passkey.CredentialId, Cancel);
        Assert.True(flagged!.IsFlagged);
        Assert.Equal(Comparable.Of(passkey with { FlaggedAt = Now, FlagReason = "sign-count-regression" }), Comparable.Of(flagged));
        Assert.False(await repository.FlagPasskeyAsync(RandomNumberGenerator.GetBytes(32), "x", Now, Cancel));
    }

    [Fact]
    public async Task RenamePasskey_ChangesOnlyTheOwnersPasskey()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var passkey = CredentialSamples.Passkey(alice.Id);
        await repository.AddPasskeyAsync(passkey, Cancel);

        Assert.False(await repository.RenamePasskeyAsync(bob.Id, passkey.CredentialId, "Bob's now", Cancel));
        Assert.Equal("Work laptop", (await repository.FindPasskeyAsync(passkey.CredentialId, Cancel))?.Nickname);

        Assert.True(await repository.RenamePasskeyAsync(alice.Id, passkey.CredentialId, "Home", Cancel));
        Assert.Equal("Home", (await repository.FindPasskeyAsync(passkey.CredentialId, Cancel))?.Nickname);

        Assert.True(await repository.RenamePasskeyAsync(alice.Id, passkey.CredentialId, null, Cancel));
        Assert.Null((await repository.FindPasskeyAsync(passkey.CredentialId, Cancel))?.Nickname);
    }

    [Fact]
    public async Task DeletePasskey_OfAnotherUser_DeletesNothing_OfItsOwner_DeletesOnce()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var passkey = CredentialSamples.Passkey(alice.Id);
        var other = CredentialSamples.Passkey(alice.Id);
        await repository.AddPasskeyAsync(passkey, Cancel);
        await repository.AddPasskeyAsync(other, Cancel);

        Assert.False(await repository.DeletePasskeyAsync(bob.Id, passkey.CredentialId, Cancel));
        Assert.NotNull(await repository.FindPasskeyAsync(passkey.CredentialId, Cancel));

        Assert.True(await repository.DeletePasskeyAsync(alice.Id, passkey.CredentialId, Cancel));
        Assert.False(await repository.DeletePasskeyAsync(alice.Id, passkey.CredentialId, Cancel));
        Assert.Null(await repository.FindPasskeyAsync(passkey.CredentialId, Cancel));
        Assert.Equal(Comparable.All([other]), Comparable.All(await repository.ListPasskeysAsync(alice.Id, Cancel)));
    }
}
