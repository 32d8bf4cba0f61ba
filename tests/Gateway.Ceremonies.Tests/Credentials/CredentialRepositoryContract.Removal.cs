using System.Security.Cryptography;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Tests.Infrastructure;

namespace PasskeyGateway.Ceremonies.Tests.Credentials;

public abstract partial class CredentialRepositoryContract
{
    [Fact]
    public async Task RemoveUnlessLast_KeepsTheLastWayToSignIn_AndRemovesAnyOther()
    {
        var repository = OpenRepository();
        var alice = await CreateUserAsync(repository, "alice");
        var bob = await CreateUserAsync(repository, "bob");
        var first = CredentialSamples.Passkey(alice.Id);
        await repository.AddPasskeyAsync(first, Cancel);

        Assert.Equal(CredentialRemoval.LastCredential, await repository.DeletePasskeyUnlessLastAsync(alice.Id, first.CredentialId, Cancel));
        Assert.NotNull(await repository.FindPasskeyAsync(first.CredentialId, Cancel));

        // A biometric key signs in on its own: with one, the passkey may go, and then the key is the last.
        var key = CredentialSamples.BiometricKey(alice.Id);
        await repository.AddBiometricKeyAsync(key, Cancel);
        Assert.Equal(CredentialRemoval.Removed, await repository.DeletePasskeyUnlessLastAsync(alice.Id, first.CredentialId, Cancel));
        Assert.Null(await repository.FindPasskeyAsync(first.CredentialId, Cancel));
        Assert.Equal(CredentialRemoval.LastCredential, await repository.RevokeBiometricKeyUnlessLastAsync(alice.Id, key.KeyId, Now, Cancel));
        Assert.False((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))!.IsRevoked);

        var second = CredentialSamples.Passkey(alice.Id);
        await repository.AddPasskeyAsync(second, Cancel);
        Assert.Equal(CredentialRemoval.Removed, await repository.RevokeBiometricKeyUnlessLastAsync(alice.Id, key.KeyId, Now, Cancel));
        Assert.True((await repository.FindBiometricKeyAsync(key.KeyId, Cancel))!.IsRevoked);
        Assert.Equal(CredentialRemoval.NotFound, await repository.RevokeBiometricKeyUnlessLastAsync(alice.Id, key.KeyId, Now, Cancel));

        // A bound device does not sign in on its own, so it does not keep the last passkey from being the last.
        await repository.AddDeviceAsync(CredentialSamples.Device(alice.Id), Cancel);
        Assert.Equal(CredentialRemoval.LastCredential, await repository.DeletePasskeyUnlessLastAsync(alice.Id, second.CredentialId, Cancel));

        Assert.Equal(CredentialRemoval.NotFound, await repository.DeletePasskeyUnlessLastAsync(bob.Id, second.CredentialId, Cancel));
        Assert.Equal(CredentialRemoval.NotFound, await repository.DeletePasskeyUnlessLastAsync(alice.Id, RandomNumberGenerator.GetBytes(32), Cancel));
        Assert.Equal(CredentialRemoval.NotFound, await repository.DeletePasskeyUnlessLastAsync("unknown", second.CredentialId, Cancel));
        Assert.Equal(Comparable.All([second]), Comparable.All(await repository.ListPasskeysAsync(alice.Id, Cancel)));
    }

    [Fact]
    public async Task RemoveUnlessLast_ReplicasRemovingEveryCredentialAtOnce_LeaveOne()
    {
        var repository = OpenRepository();
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenRepository()).ToArray();
        for (var round = 0; round < 25; round++)
        {
            var user = await CreateUserAsync(repository, $"racer-{round}");
            var passkeys = new[] { CredentialSamples.Passkey(user.Id), CredentialSamples.Passkey(user.Id) };
            var keys = new[] { CredentialSamples.BiometricKey(user.Id), CredentialSamples.BiometricKey(user.Id) };
            foreach (var passkey in passkeys)
            {
                await repository.AddPasskeyAsync(passkey, Cancel);
            }

            foreach (var key in keys)
            {
                await repository.AddBiometricKeyAsync(key, Cancel);
            }

            // Each removal on another replica's repository, all released together.
            var results = await Race.AllAtOnceAsync<CredentialRemoval>(
            [
                () => replicas[0].DeletePasskeyUnlessLastAsync(user.Id, passkeys[0].CredentialId, Cancel),
                () => replicas[1].DeletePasskeyUnlessLastAsync(user.Id, passkeys[1].CredentialId, Cancel),
                () => replicas[2].RevokeBiometricKeyUnlessLastAsync(user.Id, keys[0].KeyId, Now, Cancel),
                () => replicas[3].RevokeBiometricKeyUnlessLastAsync(user.Id, keys[1].KeyId, Now, Cancel),
            ]);

            Assert.Equal([CredentialRemoval.Removed, CredentialRemoval.Removed, CredentialRemoval.Removed, CredentialRemoval.LastCredential], results.Order());
            var left = await repository.CountActiveCredentialsAsync(user.Id, Cancel);
            Assert.Equal(1, left.Passkeys + left.BiometricKeys);
        }
    }
}
