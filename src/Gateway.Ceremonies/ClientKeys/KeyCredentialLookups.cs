using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.ClientKeys;

/// <summary>The repository look-ups device and biometric-key ceremonies share, with their refusals.</summary>
internal static class KeyCredentialLookups
{
    /// <summary>The user, when the account exists and is not disabled.</summary>
    public static async Task<CeremonyResult<UserAccount>> FindActiveUserAsync(this IUserRepository repository, string userId, CancellationToken cancellationToken)
    {
        var user = await repository.FindUserAsync(userId, cancellationToken);
        return user is { Disabled: false } ? user : new CeremonyFailure(CeremonyError.AccountDisabled, "This account is disabled.");
    }

    /// <summary>
    /// The user's device, when it is bound and not revoked. Another user's device is reported as unknown, like one
    /// that does not exist: a device can only act for its own user, and ids are not confirmed to strangers.
    /// </summary>
    public static async Task<CeremonyResult<BoundDevice>> FindActiveDeviceAsync(this IDeviceRepository repository, string deviceId, string userId, CancellationToken cancellationToken)
    {
        var device = await repository.FindDeviceAsync(deviceId, cancellationToken);
        if (device is null || !string.Equals(device.UserId, userId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.DeviceUnknown, "No device with this id is bound to the account.");
        }

        return device.IsRevoked ? new CeremonyFailure(CeremonyError.DeviceRevoked, "The device has been revoked.") : device;
    }
}
