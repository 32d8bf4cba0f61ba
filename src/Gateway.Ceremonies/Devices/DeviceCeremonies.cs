using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Devices;

/// <summary>
/// Device binding and the known-device check (DESIGN.md §4, §10): a signed-in user binds a device key by signing a
/// <c>device.bind</c> challenge with it; later the device proves itself by signing a <c>device.verify</c> challenge.
/// Both run inside a gateway session, and their challenges are bound to it.
/// </summary>
internal sealed partial class DeviceCeremonies(
    KeyChallenges challenges,
    ICredentialRepository repository,
    TimeProvider timeProvider,
    ILogger<DeviceCeremonies> logger)
{
    public Task<CeremonyResult<ClientKeyOptions>> BeginBindingAsync(CeremonySession session, string requester, CancellationToken cancellationToken) =>
        challenges.IssueInSessionAsync(ChallengePurpose.DeviceBinding, session, requester, repository, cancellationToken);

    /// <summary>Checks the new key's proof of possession and binds it; the gateway assigns the device id.</summary>
    public async Task<CeremonyResult<BoundDevice>> CompleteBindingAsync(DeviceBindingRequest request, CeremonySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var badInput = KeyRequestFields.Id(request.DeviceKeyId, "deviceKeyId")
            ?? KeyRequestFields.Label(request.Name, "name")
            ?? KeyRequestFields.Label(request.Platform, "platform");
        if (badInput is not null)
        {
            return badInput;
        }

        var key = NewPublicKey.Read(request.PublicKey, request.Algorithm, request.SignatureFormat);
        if (!key.Succeeded)
        {
            return key.Failure;
        }

        var consumed = await challenges.ConsumeAsync(ChallengePurpose.DeviceBinding, ClientDataTypes.DeviceBind, request.ClientData, request.Signature, session, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        if (!string.Equals(consumed.Value.ClientData.DeviceKeyId, request.DeviceKeyId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataMismatch, "The client data's deviceKeyId is not the request's.");
        }

        if (!key.Value.Signed(consumed.Value.Signed))
        {
            return new CeremonyFailure(CeremonyError.SignatureInvalid, "The signature does not verify with publicKey.");
        }

        var user = await repository.FindActiveUserAsync(session.UserId, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Failure;
        }

        var device = new BoundDevice(
            CredentialIdentifiers.NewId(), session.UserId, request.DeviceKeyId!, key.Value.Spki, key.Value.Algorithm, key.Value.Format,
            KeyRequestFields.LabelValue(request.Name), KeyRequestFields.LabelValue(request.Platform), timeProvider.GetUtcNow(), LastUsedAt: null, RevokedAt: null);
        if (await repository.AddDeviceAsync(device, cancellationToken) == CreateResult.Conflict)
        {
            return new CeremonyFailure(CeremonyError.DeviceExists, "A device with this deviceKeyId is already bound to the account.");
        }

        Log.Bound(logger, device.Algorithm, device.SignatureFormat);
        return device;
    }

    /// <summary>A challenge for one of the session user's active devices.</summary>
    public async Task<CeremonyResult<ClientKeyOptions>> BeginVerificationAsync(string? deviceId, CeremonySession session, string requester, CancellationToken cancellationToken)
    {
        if (KeyRequestFields.Id(deviceId, "deviceId") is { } badId)
        {
            return badId;
        }

        var device = await repository.FindActiveDeviceAsync(deviceId!, session.UserId, cancellationToken);
        if (!device.Succeeded)
        {
            return device.Failure;
        }

        return await challenges.IssueAsync(
            ChallengePurpose.DeviceVerification,
            new KeyChallengeState { UserId = session.UserId, SessionId = session.SessionId, DeviceId = deviceId },
            requester,
            cancellationToken);
    }

    /// <summary>Checks the device's signature of the challenge and records its use.</summary>
    public async Task<CeremonyResult<VerifiedDevice>> CompleteVerificationAsync(DeviceVerificationRequest request, CeremonySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (KeyRequestFields.Id(request.DeviceId, "deviceId") is { } badId)
        {
            return badId;
        }

        var consumed = await challenges.ConsumeAsync(ChallengePurpose.DeviceVerification, ClientDataTypes.DeviceVerify, request.ClientData, request.Signature, session, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        // The challenge was issued for one device: the request and the signed document must both name it.
        if (!string.Equals(consumed.Value.State.DeviceId, request.DeviceId, StringComparison.Ordinal)
            || !string.Equals(consumed.Value.ClientData.DeviceId, request.DeviceId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataMismatch, "The challenge was issued for another device, or the client data names another deviceId.");
        }

        var device = await repository.FindActiveDeviceAsync(request.DeviceId!, session.UserId, cancellationToken);
        if (!device.Succeeded)
        {
            return device.Failure;
        }

        if (!KeySignatures.Verify(device.Value, consumed.Value.Signed.ClientData, consumed.Value.Signed.Signature))
        {
            return new CeremonyFailure(CeremonyError.SignatureInvalid, "The signature does not verify with the device's key.");
        }

        var user = await repository.FindActiveUserAsync(session.UserId, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Failure;
        }

        // Recorded only while the device is still active: a revocation since the look-up wins.
        var now = timeProvider.GetUtcNow();
        if (!await repository.RecordDeviceUseAsync(device.Value.DeviceId, now, cancellationToken))
        {
            return new CeremonyFailure(CeremonyError.DeviceRevoked, "The device has been revoked.");
        }

        Log.Verified(logger, device.Value.Algorithm);
        return new VerifiedDevice(user.Value, device.Value with { LastUsedAt = now });
    }

    private static partial class Log
    {
        [LoggerMessage(7201, LogLevel.Information, "Bound a device key ({Algorithm}, {Format} signatures).")]
        public static partial void Bound(ILogger logger, KeyAlgorithm algorithm, SignatureFormat format);

        [LoggerMessage(7202, LogLevel.Debug, "A bound device ({Algorithm}) proved itself.")]
        public static partial void Verified(ILogger logger, KeyAlgorithm algorithm);
    }
}
