namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// Bound devices: added at binding, found at verification, their use recorded, revoked with their biometric keys.
/// A role of the credential store (<see cref="ICredentialRepository"/>).
/// </summary>
public interface IDeviceRepository
{
    /// <summary><see cref="CreateResult.Conflict"/> when the user has an active device with this device key id.</summary>
    Task<CreateResult> AddDeviceAsync(BoundDevice device, CancellationToken cancellationToken);

    /// <summary>Finds a device, revoked or not.</summary>
    Task<BoundDevice?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>The user's devices, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<BoundDevice>> ListDevicesAsync(string userId, CancellationToken cancellationToken);

    /// <summary><c>false</c> when the device does not exist or is revoked.</summary>
    Task<bool> RecordDeviceUseAsync(string deviceId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the user's device and, in the same transaction, the biometric keys tied to it. <c>null</c> when the
    /// device does not exist, belongs to another user or was already revoked.
    /// </summary>
    Task<RevokedDevice?> RevokeDeviceAsync(string userId, string deviceId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
