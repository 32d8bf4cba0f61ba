using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

/// <summary>Accounts under an administrator (DESIGN.md §11.1): changes, listing, deletion.</summary>
public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task UpdateUser_ReplacesWhatIsGiven_KeepsTheRest_AndBumpsTheVersion()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");

        var changed = await repository.UpdateUserAsync(alice.Id, new AccountChange(Roles: ["auditor"], Email: ""), Now, Cancel);

        var expected = alice with { Roles = ["auditor"], Email = null, Version = 2 };
        Assert.Equal(Comparable.Of(expected), Comparable.Of(changed));
        Assert.Equal(Comparable.Of(expected), Comparable.Of(await OpenRepository().FindUserAsync(alice.Id, Cancel)));

        var again = await repository.UpdateUserAsync(alice.Id, new AccountChange(DisplayName: "Alice A.", Groups: [], Disabled: true), Now, Cancel);
        Assert.Equal(Comparable.Of(expected with { DisplayName = "Alice A.", Groups = [], Disabled = true, Version = 3 }), Comparable.Of(again));
    }

    [Fact]
    public async Task UpdateUser_UnknownId_IsNull_AndChangesNoOne()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");

        Assert.Null(await repository.UpdateUserAsync("unknown", new AccountChange(Disabled: true), Now, Cancel));
        Assert.Equal(Comparable.Of(alice), Comparable.Of(await repository.FindUserAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task ListUsers_PagesInUsernameOrder_AndFiltersByNameOrEmail()
    {
        var repository = OpenRepository();
        foreach (var name in new[] { "dave", "Carol", "alice", "bob", "erin" })
        {
            await CreateUserAsync(repository, name);
        }

        var bob = await repository.FindUserByUsernameAsync("bob", Cancel);
        await repository.AddPasskeyAsync(CredentialSamples.Passkey(bob!.Id), Cancel);
        await repository.AddPasskeyAsync(CredentialSamples.Passkey(bob.Id), Cancel);

        var first = await repository.ListUsersAsync(null, null, 2, Cancel);
        var second = await repository.ListUsersAsync(null, first.Next, 2, Cancel);
        var third = await repository.ListUsersAsync(null, second.Next, 2, Cancel);

        Assert.Equal(["alice", "bob"], first.Users.Select(u => u.User.Username));
        Assert.Equal(["Carol", "dave"], second.Users.Select(u => u.User.Username));
        Assert.Equal(["erin"], third.Users.Select(u => u.User.Username));
        Assert.Null(third.Next);
        Assert.Equal([0, 2], first.Users.Select(u => u.CredentialCount));

        Assert.Equal(["Carol"], (await repository.ListUsersAsync("CAROL@EXAMPLE", null, 10, Cancel)).Users.Select(u => u.User.Username));
        Assert.Equal(["dave"], (await repository.ListUsersAsync("ave (disp", null, 10, Cancel)).Users.Select(u => u.User.Username));
        Assert.Empty((await repository.ListUsersAsync("%", null, 10, Cancel)).Users);
        Assert.Empty((await repository.ListUsersAsync("_", null, 10, Cancel)).Users);
    }

    [Fact]
    public async Task DeleteUser_RemovesEverythingOfTheUser_ButNotTheAuditTrailOrOtherUsers()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        foreach (var user in new[] { alice, bob })
        {
            await repository.AddPasskeyAsync(CredentialSamples.Passkey(user.Id), Cancel);
            var device = CredentialSamples.Device(user.Id);
            await repository.AddDeviceAsync(device, Cancel);
            await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(user.Id, device.DeviceId), Cancel);
            await repository.AddSessionAsync(CredentialSamples.Session(user.Id, Now), 50, Now, Cancel);
            await repository.AddEnrollmentLinkAsync(CredentialSamples.Link(user.Id, Now), Cancel);
        }

        await repository.AppendAuditAsync(CredentialSamples.Audit(alice.Id), Cancel);

        Assert.True(await repository.DeleteUserAsync(alice.Id, Cancel));
        Assert.False(await repository.DeleteUserAsync(alice.Id, Cancel));

        Assert.Null(await repository.FindUserAsync(alice.Id, Cancel));
        Assert.Empty(await repository.ListPasskeysAsync(alice.Id, Cancel));
        Assert.Empty(await repository.ListDevicesAsync(alice.Id, Cancel));
        Assert.Empty(await repository.ListBiometricKeysAsync(alice.Id, Cancel));
        Assert.Empty(await repository.ListSessionsAsync(alice.Id, Now, Cancel));
        Assert.Single((await repository.ReadAuditAsync(alice.Id, null, 10, Cancel)).Records);

        Assert.NotNull(await repository.FindUserAsync(bob.Id, Cancel));
        Assert.Single(await repository.ListPasskeysAsync(bob.Id, Cancel));
        Assert.Single(await repository.ListBiometricKeysAsync(bob.Id, Cancel));
        Assert.Single(await repository.ListSessionsAsync(bob.Id, Now, Cancel));
    }
}
