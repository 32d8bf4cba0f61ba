using System.Data.Common;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task AddDevice_ThenFindAndList_RoundTripsEveryField()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var full = CredentialSamples.Device(alice.Id, "phone");
        var bare = CredentialSamples.Device(alice.Id, "laptop") with
        {
            Algorithm = KeyAlgorithm.RS256,
            SignatureFormat = SignatureFormat.Der,
            Name = null,
            Platform = null,
            CreatedAt = Now.AddDays(-1),
            LastUsedAt = null,
        };

        Assert.Equal(CreateResult.Created, await repository.AddDeviceAsync(full, Cancel));
        Assert.Equal(CreateResult.Created, await repository.AddDeviceAsync(bare, Cancel));

        Assert.Equal(Comparable.Of(full), Comparable.Of(await repository.FindDeviceAsync(full.DeviceId, Cancel)));
        Assert.Equal(Comparable.Of(bare), Comparable.Of(await repository.FindDeviceAsync(bare.DeviceId, Cancel)));
        Assert.Equal(Comparable.All([full, bare]), Comparable.All(await repository.ListDevicesAsync(alice.Id, Cancel)));
        Assert.Null(await repository.FindDeviceAsync("unknown", Cancel));
    }

    [Fact]
    public async Task FindDevice_NamesItsOwnerAndRevocation_AndNothingOnceItsAccountIsGone()
    {
        // What a KnownDevice policy asks of a token's device_id: whose device it is, and whether it is still bound.
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var phone = CredentialSamples.Device(alice.Id, "phone");
        var tablet = CredentialSamples.Device(alice.Id, "tablet");
        var bobs = CredentialSamples.Device(bob.Id, "phone");
        foreach (var device in new[] { phone, tablet, bobs })
        {
            await repository.AddDeviceAsync(device, Cancel);
        }

        await repository.RevokeDeviceAsync(alice.Id, tablet.DeviceId, Now, Cancel);
        await repository.DeleteUserAsync(bob.Id, Cancel);

        Assert.Equal((alice.Id, false), await OwnerAsync(phone.DeviceId));
        Assert.Equal((alice.Id, true), await OwnerAsync(tablet.DeviceId));
        Assert.Null(await repository.FindDeviceAsync(bobs.DeviceId, Cancel));

        async Task<(string, bool)?> OwnerAsync(string deviceId) =>
            await repository.FindDeviceAsync(deviceId, Cancel) is { } found ? (found.UserId, found.IsRevoked) : null;
    }

    [Fact]
    public async Task AddDevice_DeviceKeyIdTakenBySameUser_IsConflict_WhileAnotherUserMayUseIt()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        await repository.AddDeviceAsync(CredentialSamples.Device(alice.Id, "device-key"), Cancel);

        Assert.Equal(CreateResult.Conflict, await repository.AddDeviceAsync(CredentialSamples.Device(alice.Id, "device-key"), Cancel));
        Assert.Equal(CreateResult.Created, await repository.AddDeviceAsync(CredentialSamples.Device(bob.Id, "device-key"), Cancel));
        Assert.Single(await repository.ListDevicesAsync(alice.Id, Cancel));
        Assert.Single(await repository.ListDevicesAsync(bob.Id, Cancel));
    }

    [Fact]
    public async Task AddDevice_KeyIdOfARevokedDevice_CanBeBoundAgain()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var old = CredentialSamples.Device(alice.Id, "device-key");
        await repository.AddDeviceAsync(old, Cancel);
        await repository.RevokeDeviceAsync(alice.Id, old.DeviceId, Now, Cancel);

        var rebound = CredentialSamples.Device(alice.Id, "device-key");
        Assert.Equal(CreateResult.Created, await repository.AddDeviceAsync(rebound, Cancel));
        Assert.Equal(CreateResult.Conflict, await repository.AddDeviceAsync(CredentialSamples.Device(alice.Id, "device-key"), Cancel));
        Assert.Equal(
            Comparable.All([old with { RevokedAt = Now }, rebound]),
            Comparable.All((await repository.ListDevicesAsync(alice.Id, Cancel)).OrderBy(d => d.RevokedAt is null)));
    }

    [Fact]
    public async Task RecordDeviceUse_SetsLastUse_OnlyWhileNotRevoked()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var device = CredentialSamples.Device(alice.Id) with { LastUsedAt = null };
        await repository.AddDeviceAsync(device, Cancel);

        Assert.True(await repository.RecordDeviceUseAsync(device.DeviceId, Now, Cancel));
        Assert.Equal(Comparable.Of(device with { LastUsedAt = Now }), Comparable.Of(await repository.FindDeviceAsync(device.DeviceId, Cancel)));

        await repository.RevokeDeviceAsync(alice.Id, device.DeviceId, Now.AddMinutes(1), Cancel);
        Assert.False(await repository.RecordDeviceUseAsync(device.DeviceId, Now.AddMinutes(2), Cancel));
        Assert.False(await repository.RecordDeviceUseAsync("unknown", Now, Cancel));
        Assert.Equal(Now, (await repository.FindDeviceAsync(device.DeviceId, Cancel))?.LastUsedAt);
    }

    [Fact]
    public async Task RevokeDevice_RevokesTheBiometricKeysTiedToIt_AndReturnsThem()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var phone = CredentialSamples.Device(alice.Id, "phone");
        var tablet = CredentialSamples.Device(alice.Id, "tablet");
        await repository.AddDeviceAsync(phone, Cancel);
        await repository.AddDeviceAsync(tablet, Cancel);
        var tied = new[] { CredentialSamples.BiometricKey(alice.Id, phone.DeviceId), CredentialSamples.BiometricKey(alice.Id, phone.DeviceId) };
        var alreadyRevoked = CredentialSamples.BiometricKey(alice.Id, phone.DeviceId);
        var onTablet = CredentialSamples.BiometricKey(alice.Id, tablet.DeviceId);
        var untied = CredentialSamples.BiometricKey(alice.Id);
        foreach (var key in tied.Append(alreadyRevoked).Append(onTablet).Append(untied))
        {
            Assert.Equal(CreateResult.Created, await repository.AddBiometricKeyAsync(key, Cancel));
        }

        await repository.RevokeBiometricKeyAsync(alice.Id, alreadyRevoked.KeyId, Now.AddMinutes(-1), Cancel);

        var revoked = await repository.RevokeDeviceAsync(alice.Id, phone.DeviceId, Now, Cancel);

        Assert.NotNull(revoked);
        Assert.Equal(phone.DeviceId, revoked.DeviceId);
        Assert.Equal(tied.Select(k => k.KeyId).Order(StringComparer.Ordinal), revoked.BiometricKeyIds);
        Assert.Equal(Now, (await repository.FindDeviceAsync(phone.DeviceId, Cancel))?.RevokedAt);
        foreach (var key in tied)
        {
            Assert.Equal(Now, (await repository.FindBiometricKeyAsync(key.KeyId, Cancel))?.RevokedAt);
        }

        Assert.Equal(Now.AddMinutes(-1), (await repository.FindBiometricKeyAsync(alreadyRevoked.KeyId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindBiometricKeyAsync(onTablet.KeyId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindBiometricKeyAsync(untied.KeyId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindDeviceAsync(tablet.DeviceId, Cancel))?.RevokedAt);
    }

    [Fact]
    public async Task RevokeDevice_FailingAtTheBiometricKeys_LeavesTheDeviceActive()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var device = CredentialSamples.Device(alice.Id);
        var key = CredentialSamples.BiometricKey(alice.Id, device.DeviceId);
        await repository.AddDeviceAsync(device, Cancel);
        await repository.AddBiometricKeyAsync(key, Cancel);
        await FailBiometricKeyUpdatesAsync();

        var failure = await Assert.ThrowsAnyAsync<DbException>(() => repository.RevokeDeviceAsync(alice.Id, device.DeviceId, Now, Cancel));

        Assert.Contains("injected failure", failure.Message, StringComparison.Ordinal);
        Assert.Null((await repository.FindDeviceAsync(device.DeviceId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))?.RevokedAt);
    }

    [Fact]
    public async Task RevokeDevice_OfAnotherUserOrAlreadyRevoked_RevokesNothing()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var device = CredentialSamples.Device(alice.Id);
        var key = CredentialSamples.BiometricKey(alice.Id, device.DeviceId);
        await repository.AddDeviceAsync(device, Cancel);
        await repository.AddBiometricKeyAsync(key, Cancel);

        Assert.Null(await repository.RevokeDeviceAsync(bob.Id, device.DeviceId, Now, Cancel));
        Assert.Null((await repository.FindDeviceAsync(device.DeviceId, Cancel))?.RevokedAt);
        Assert.Null((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))?.RevokedAt);

        Assert.NotNull(await repository.RevokeDeviceAsync(alice.Id, device.DeviceId, Now, Cancel));
        Assert.Null(await repository.RevokeDeviceAsync(alice.Id, device.DeviceId, Now.AddMinutes(1), Cancel));
        Assert.Equal(Now, (await repository.FindDeviceAsync(device.DeviceId, Cancel))?.RevokedAt);
        Assert.Null(await repository.RevokeDeviceAsync(alice.Id, "unknown", Now, Cancel));
    }

    [Fact]
    public async Task AddBiometricKey_ThenFindAndList_RoundTripsEveryField()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var device = CredentialSamples.Device(alice.Id);
        await repository.AddDeviceAsync(device, Cancel);
        var tied = CredentialSamples.BiometricKey(alice.Id, device.DeviceId);
        var bare = CredentialSamples.BiometricKey(alice.Id) with
        {
            Algorithm = KeyAlgorithm.ES256,
            SignatureFormat = SignatureFormat.Raw,
            Name = null,
            CreatedAt = Now.AddDays(-1),
            LastUsedAt = null,
        };

        Assert.Equal(CreateResult.Created, await repository.AddBiometricKeyAsync(tied, Cancel));
        Assert.Equal(CreateResult.Created, await repository.AddBiometricKeyAsync(bare, Cancel));

        Assert.Equal(Comparable.Of(tied), Comparable.Of(await repository.FindBiometricKeyAsync(tied.KeyId, Cancel)));
        Assert.Equal(Comparable.Of(bare), Comparable.Of(await repository.FindBiometricKeyAsync(bare.KeyId, Cancel)));
        Assert.Equal(Comparable.All([tied, bare]), Comparable.All(await repository.ListBiometricKeysAsync(alice.Id, Cancel)));
        Assert.Null(await repository.FindBiometricKeyAsync("unknown", Cancel));
    }

    [Fact]
    public async Task AddBiometricKey_KeyIdEverUsedByAnyone_IsConflict()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var original = CredentialSamples.BiometricKey(alice.Id);
        await repository.AddBiometricKeyAsync(original, Cancel);

        Assert.Equal(CreateResult.Conflict, await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(bob.Id) with { KeyId = original.KeyId }, Cancel));

        // A revoked key's id stays taken: its revocation names the id, and would refuse the newcomer.
        await repository.RevokeBiometricKeyAsync(alice.Id, original.KeyId, Now, Cancel);
        Assert.Equal(CreateResult.Conflict, await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id) with { KeyId = original.KeyId }, Cancel));
        Assert.Equal(Comparable.Of(original with { RevokedAt = Now }), Comparable.Of(await repository.FindBiometricKeyAsync(original.KeyId, Cancel)));
        Assert.Empty(await repository.ListBiometricKeysAsync(bob.Id, Cancel));
    }

    [Fact]
    public async Task AddBiometricKey_TiedToAnotherUsersOrARevokedOrAnUnknownDevice_IsDeviceNotActive()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var bobsDevice = CredentialSamples.Device(bob.Id);
        var revokedDevice = CredentialSamples.Device(alice.Id);
        await repository.AddDeviceAsync(bobsDevice, Cancel);
        await repository.AddDeviceAsync(revokedDevice, Cancel);
        await repository.RevokeDeviceAsync(alice.Id, revokedDevice.DeviceId, Now, Cancel);

        Assert.Equal(CreateResult.DeviceNotActive, await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id, bobsDevice.DeviceId), Cancel));
        Assert.Equal(CreateResult.DeviceNotActive, await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id, revokedDevice.DeviceId), Cancel));
        Assert.Equal(CreateResult.DeviceNotActive, await repository.AddBiometricKeyAsync(CredentialSamples.BiometricKey(alice.Id, "unknown"), Cancel));
        Assert.Empty(await repository.ListBiometricKeysAsync(alice.Id, Cancel));
    }

    [Fact]
    public async Task RevokeBiometricKey_OnlyTheOwnersActiveKey_AndUseIsRecordedOnlyBeforeIt()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var key = CredentialSamples.BiometricKey(alice.Id) with { LastUsedAt = null };
        await repository.AddBiometricKeyAsync(key, Cancel);

        Assert.True(await repository.RecordBiometricKeyUseAsync(key.KeyId, Now, Cancel));
        Assert.False(await repository.RevokeBiometricKeyAsync(bob.Id, key.KeyId, Now, Cancel));
        Assert.Null((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))?.RevokedAt);

        Assert.True(await repository.RevokeBiometricKeyAsync(alice.Id, key.KeyId, Now.AddMinutes(1), Cancel));
        Assert.False(await repository.RevokeBiometricKeyAsync(alice.Id, key.KeyId, Now.AddMinutes(2), Cancel));
        Assert.False(await repository.RecordBiometricKeyUseAsync(key.KeyId, Now.AddMinutes(3), Cancel));
        Assert.Equal(
            Comparable.Of(key with { LastUsedAt = Now, RevokedAt = Now.AddMinutes(1) }),
            Comparable.Of(await repository.FindBiometricKeyAsync(key.KeyId, Cancel)));
    }
}
