namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Biometric keys: added at registration, found at sign-in, their use recorded, revoked by their owner or with their device.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IBiometricKeyRepository
{
    /// <summary>
    /// <see cref="CreateResult.Conflict"/> when the key id was ever used; <see cref="CreateResult.DeviceNotActive"/>
    /// when <see cref="BiometricKey.DeviceId"/> is not an active device of the same user (checked in the same transaction).
    /// </summary>
    Task<CreateResult> AddBiometricKeyAsync(BiometricKey key, CancellationToken cancellationToken);

    /// <summary>Finds a key, revoked or not.</summary>
    Task<BiometricKey?> FindBiometricKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The user's keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<BiometricKey>> ListBiometricKeysAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the key does not exist or is revoked.</summary>
    Task<bool> RecordBiometricKeyUseAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the key does not exist, belongs to another user or was already revoked.</summary>
    Task<bool> RevokeBiometricKeyAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Revokes the user's biometric key unless that leaves the user no way to sign in, as <see cref="DeletePasskeyUnlessLastAsync"/>.</summary>
    Task<CredentialRemoval> RevokeBiometricKeyUnlessLastAsync(string userId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
