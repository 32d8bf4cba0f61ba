using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task CreateUser_ThenFindByIdUsernameAndHandle_RoundTripsEveryField()
    {
        var repository = OpenRepository();
        var alice = CredentialSamples.User("Alice");
        var bob = CredentialSamples.User("bob") with { Roles = [], Disabled = true };

        Assert.Equal(CreateResult.Created, await repository.CreateUserAsync(alice, Cancel));
        Assert.Equal(CreateResult.Created, await repository.CreateUserAsync(bob, Cancel));

        foreach (var user in new[] { alice, bob })
        {
            Assert.Equal(Comparable.Of(user), Comparable.Of(await repository.FindUserAsync(user.Id, Cancel)));
            Assert.Equal(Comparable.Of(user), Comparable.Of(await repository.FindUserByUsernameAsync(user.Username, Cancel)));
            Assert.Equal(Comparable.Of(user), Comparable.Of(await repository.FindUserByHandleAsync(user.UserHandle, Cancel)));
        }

        Assert.Null(await repository.FindUserAsync("unknown", Cancel));
        Assert.Null(await repository.FindUserByUsernameAsync("carol", Cancel));
        Assert.Null(await repository.FindUserByHandleAsync(CredentialIdentifiers.NewUserHandle(), Cancel));
    }

    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("Alice", "ALICE")]
    [InlineData("Alice", "ａｌｉｃｅ")] // full-width letters
    [InlineData("Jos\u00e9", "jose\u0301")] // precomposed é against e + combining acute accent
    [InlineData("ﬁona", "FIONA")] // the "fi" ligature
    public async Task CreateUser_UsernameTakenInAnotherCaseOrUnicodeForm_IsConflict(string first, string second)
    {
        Assert.True(UsernameNormalizer.IsNormalizationAvailable, "Unicode normalization needs ICU: this test process must not run in globalization-invariant mode.");
        var repository = OpenRepository();
        var original = await CreateUserAsync(repository, first);

        Assert.Equal(CreateResult.Conflict, await repository.CreateUserAsync(CredentialSamples.User(second), Cancel));
        Assert.Equal(original.Id, (await repository.FindUserByUsernameAsync(second, Cancel))?.Id);
        Assert.Equal(first, (await repository.FindUserByUsernameAsync(second, Cancel))?.Username);
    }

    [Fact]
    public async Task CreateUser_UserHandleOrIdTaken_IsConflict()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");

        Assert.Equal(CreateResult.Conflict, await repository.CreateUserAsync(CredentialSamples.User("bob") with { UserHandle = alice.UserHandle }, Cancel));
        Assert.Equal(CreateResult.Conflict, await repository.CreateUserAsync(CredentialSamples.User("carol") with { Id = alice.Id }, Cancel));
        Assert.Null(await repository.FindUserByUsernameAsync("bob", Cancel));
        Assert.Null(await repository.FindUserByUsernameAsync("carol", Cancel));
    }

    [Fact]
    public async Task CreateUser_SameUsernameFromTwoReplicasAtOnce_ExactlyOneIsCreated()
    {
        var (first, second) = (OpenRepository(), OpenRepository());
        var results = await RaceAsync(
            () => first.CreateUserAsync(CredentialSamples.User("dave"), Cancel),
            () => second.CreateUserAsync(CredentialSamples.User("DAVE"), Cancel));

        Assert.Equal([CreateResult.Created, CreateResult.Conflict], results.Order());
    }

    [Fact]
    public async Task CountActiveCredentials_CountsEachKind_LeavingOutRevokedOnesAndOtherUsers()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        await repository.AddPasskeyAsync(CredentialSamples.Passkey(alice.Id), Cancel);
        await repository.AddPasskeyAsync(CredentialSamples.Passkey(alice.Id) with { FlagReason = null, FlaggedAt = null }, Cancel);
        var phone = CredentialSamples.Device(alice.Id, "phone");
        var tablet = CredentialSamples.Device(alice.Id, "tablet");
        await repository.AddDeviceAsync(phone, Cancel);
        await repository.AddDeviceAsync(tablet, Cancel);
        await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id, tablet.DeviceId), Cancel);
        await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id), Cancel);
        await repository.AddPasskeyAsync(CredentialSamples.Passkey(bob.Id), Cancel);
        await repository.AddDeviceAsync(CredentialSamples.Device(bob.Id), Cancel);

        Assert.Equal(new ActiveCredentialCount(2, 2, 2), await repository.CountActiveCredentialsAsync(alice.Id, Cancel));

        await repository.RevokeDeviceAsync(alice.Id, tablet.DeviceId, Now, Cancel);

        Assert.Equal(new ActiveCredentialCount(2, 1, 1), await repository.CountActiveCredentialsAsync(alice.Id, Cancel));
        Assert.Equal(new ActiveCredentialCount(1, 1, 0), await repository.CountActiveCredentialsAsync(bob.Id, Cancel));
        Assert.Equal(new ActiveCredentialCount(0, 0, 0), await repository.CountActiveCredentialsAsync("unknown", Cancel));
    }
}
