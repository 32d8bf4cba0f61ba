using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.ClientKeys;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Ceremonies.Biometrics;

/// <summary>
/// Biometric keys (DESIGN.md §4, §10): a mobile app's biometric-protected key, registered by a signed-in user and
/// optionally tied to one of their bound devices, signs <c>biometric.authenticate</c> challenges to sign in. A key tied
/// to a device always needs that device's countersignature of the same client data bytes; any countersigned sign-in
/// proves the device too.
/// </summary>
internal sealed partial class BiometricCeremonies(
    KeyChallenges challenges,
    ICredentialRepository repository,
    TimeProvider timeProvider,
    ILogger<BiometricCeremonies> logger)
{
    private static readonly CeremonyFailure DeviceSignatureWithoutDevice =
        new(CeremonyError.InvalidRequest, "deviceSignature comes with the deviceId of the device that made it.");

    public Task<CeremonyResult<ClientKeyOptions>> BeginRegistrationAsync(CeremonySession session, string requester, CancellationToken cancellationToken) =>
        challenges.IssueInSessionAsync(ChallengePurpose.BiometricRegistration, session, requester, repository, cancellationToken);

    /// <summary>Checks the key's proof of possession (and its device's countersignature) and stores it.</summary>
    public async Task<CeremonyResult<BiometricKey>> CompleteRegistrationAsync(BiometricRegistrationRequest request, CeremonySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var badInput = KeyRequestFields.Id(request.KeyId, "keyId")
            ?? (request.DeviceId is null ? null : KeyRequestFields.Id(request.DeviceId, "deviceId"))
            ?? KeyRequestFields.Label(request.Name, "name")
            ?? (request.DeviceId is null && request.DeviceSignature is not null ? DeviceSignatureWithoutDevice : null);
        if (badInput is not null)
        {
            return badInput;
        }

        var key = NewPublicKey.Read(request.PublicKey, request.Algorithm, request.SignatureFormat);
        if (!key.Succeeded)
        {
            return key.Failure;
        }

        var countersignature = ReadCountersignature(request.DeviceSignature);
        if (!countersignature.Succeeded)
        {
            return countersignature.Failure;
        }

        var consumed = await challenges.ConsumeAsync(ChallengePurpose.BiometricRegistration, ClientDataTypes.BiometricRegister, request.ClientData, request.Signature, session, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        var clientData = consumed.Value.ClientData;
        if (!string.Equals(clientData.KeyId, request.KeyId, StringComparison.Ordinal) || !string.Equals(clientData.DeviceId, request.DeviceId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataMismatch, "The client data's keyId and deviceId must be the request's.");
        }

        if (!key.Value.Signed(consumed.Value.Signed))
        {
            return new CeremonyFailure(CeremonyError.SignatureInvalid, "The signature does not verify with publicKey.");
        }

        if (await CheckCountersignatureAsync(request.DeviceId, session.UserId, consumed.Value.Signed.ClientData, countersignature.Value, cancellationToken) is { } refused)
        {
            return refused;
        }

        var user = await repository.FindActiveUserAsync(session.UserId, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Failure;
        }

        var now = timeProvider.GetUtcNow();
        var biometricKey = new BiometricKey(
            request.KeyId!, session.UserId, request.DeviceId, key.Value.Spki, key.Value.Algorithm, key.Value.Format,
            KeyRequestFields.LabelValue(request.Name), now, LastUsedAt: null, RevokedAt: null);
        switch (await repository.AddBiometricKeyAsync(biometricKey, cancellationToken))
        {
            case CreateResult.Conflict:
                return new CeremonyFailure(CeremonyError.CredentialExists, "This keyId is taken; choose another (a UUID is advised).");
            case CreateResult.DeviceNotActive:
                // Revoked between the countersignature check and the insert (the repository checks both together).
                return new CeremonyFailure(CeremonyError.DeviceRevoked, "The device has been revoked.");
        }

        if (request.DeviceId is not null)
        {
            await repository.RecordDeviceUseAsync(request.DeviceId, now, cancellationToken);
        }

        Log.Registered(logger, biometricKey.Algorithm, biometricKey.SignatureFormat, request.DeviceId is not null);
        return biometricKey;
    }

    /// <summary>
    /// Sign-in options: with a username, the challenge is bound to that user and the answer lists their active keys
    /// (empty for an unknown user, who gets a challenge all the same: no enumeration); with a key id, the challenge is
    /// bound to that key.
    /// </summary>
    public async Task<CeremonyResult<ClientKeyOptions>> BeginAuthenticationAsync(string? username, string? keyId, string requester, CancellationToken cancellationToken)
    {
        if ((username is null) == (keyId is null))
        {
            return new CeremonyFailure(CeremonyError.InvalidRequest, "Name either a username or a keyId.");
        }

        if (keyId is not null)
        {
            return KeyRequestFields.Id(keyId, "keyId") is { } badId
                ? badId
                : await challenges.IssueAsync(ChallengePurpose.BiometricAuthentication, new KeyChallengeState { KeyId = keyId }, requester, cancellationToken);
        }

        if (PasskeyCeremonies.NormalizeUsername(username) is not { } name)
        {
            return new CeremonyFailure(CeremonyError.InvalidRequest, $"username must be 1 to {PasskeyCeremonies.MaxUsernameLength} characters, without control characters.");
        }

        var user = await repository.FindUserByUsernameAsync(name, cancellationToken);
        var keys = user is { Disabled: false } ? await repository.ListBiometricKeysAsync(user.Id, cancellationToken) : [];
        return await challenges.IssueAsync(
            ChallengePurpose.BiometricAuthentication,
            new KeyChallengeState { UserId = user?.Id ?? "" },
            requester,
            cancellationToken,
            [.. keys.Where(k => !k.IsRevoked).Select(k => k.KeyId)]);
    }

    /// <summary>Checks the key's signature (and the countersignature its device gives) and records their use.</summary>
    public async Task<CeremonyResult<BiometricSignIn>> CompleteAuthenticationAsync(BiometricAuthenticationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var badInput = KeyRequestFields.Id(request.KeyId, "keyId") ?? (request.DeviceId is null ? null : KeyRequestFields.Id(request.DeviceId, "deviceId"));
        if (badInput is not null)
        {
            return badInput;
        }

        var countersignature = ReadCountersignature(request.DeviceSignature);
        if (!countersignature.Succeeded)
        {
            return countersignature.Failure;
        }

        var consumed = await challenges.ConsumeAsync(ChallengePurpose.BiometricAuthentication, ClientDataTypes.BiometricAuthenticate, request.ClientData, request.Signature, session: null, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        var (clientData, state, signed) = (consumed.Value.ClientData, consumed.Value.State, consumed.Value.Signed);
        if (state.KeyId is not null && !string.Equals(state.KeyId, request.KeyId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ChallengeUnknown, "The challenge was issued for another key; start again.");
        }

        var key = await repository.FindBiometricKeyAsync(request.KeyId!, cancellationToken);
        if (key is null)
        {
            return new CeremonyFailure(CeremonyError.CredentialUnknown, "No account has this key.");
        }

        var signIn = await SignInWithKeyAsync(key, request, state, clientData, signed, countersignature.Value, cancellationToken);
        return signIn.Succeeded ? signIn : signIn.Failure with { UserId = key.UserId };
    }

    /// <summary>The checks once the key is known: every refusal from here on is an attempt against its account.</summary>
    private async Task<CeremonyResult<BiometricSignIn>> SignInWithKeyAsync(
        BiometricKey key,
        BiometricAuthenticationRequest request,
        KeyChallengeState state,
        ClientData clientData,
        SignedClientData signed,
        byte[] countersignature,
        CancellationToken cancellationToken)
    {
        // Username-first: the key must be one of that user's (an unknown username's challenge matches no key).
        if (state.UserId is not null && !string.Equals(state.UserId, key.UserId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.CredentialUserMismatch, "This key does not belong to the account that was named.");
        }

        if (key.IsRevoked)
        {
            return new CeremonyFailure(CeremonyError.CredentialRevoked, "This key has been revoked.");
        }

        // A key tied to a device is always countersigned by it; an untied key may be, by a device of the same user.
        if (key.DeviceId is not null && request.DeviceId is not null && !string.Equals(key.DeviceId, request.DeviceId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataMismatch, "This key is tied to another device.");
        }

        var deviceId = key.DeviceId ?? request.DeviceId;
        if (!string.Equals(clientData.KeyId, request.KeyId, StringComparison.Ordinal) || !string.Equals(clientData.DeviceId, deviceId, StringComparison.Ordinal))
        {
            return new CeremonyFailure(CeremonyError.ClientDataMismatch, "The client data must name the keyId and the countersigning deviceId.");
        }

        if (!KeySignatures.Verify(key, signed.ClientData, signed.Signature))
        {
            return new CeremonyFailure(CeremonyError.SignatureInvalid, "The signature does not verify with the key.");
        }

        if (deviceId is null && countersignature.Length > 0)
        {
            return DeviceSignatureWithoutDevice;
        }

        if (await CheckCountersignatureAsync(deviceId, key.UserId, signed.ClientData, countersignature, cancellationToken) is { } refused)
        {
            return refused;
        }

        var user = await repository.FindActiveUserAsync(key.UserId, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Failure;
        }

        // Recorded only while still active: a revocation since the look-ups wins.
        var now = timeProvider.GetUtcNow();
        if (!await repository.RecordBiometricKeyUseAsync(key.KeyId, now, cancellationToken))
        {
            return new CeremonyFailure(CeremonyError.CredentialRevoked, "This key has been revoked.");
        }

        if (deviceId is not null && !await repository.RecordDeviceUseAsync(deviceId, now, cancellationToken))
        {
            return new CeremonyFailure(CeremonyError.DeviceRevoked, "The device has been revoked.");
        }

        Log.SignedIn(logger, key.Algorithm, deviceId is not null);
        return new BiometricSignIn(user.Value, key with { LastUsedAt = now }, deviceId);
    }

    /// <summary>The optional <c>deviceSignature</c> field, decoded; absent is empty.</summary>
    private static CeremonyResult<byte[]> ReadCountersignature(string? deviceSignature) =>
        deviceSignature is null ? Array.Empty<byte>() : KeyRequestFields.Binary(deviceSignature, "deviceSignature", KeySignatures.MaxSignatureBytes);

    /// <summary>
    /// When a device countersigns (<paramref name="deviceId"/> is set), it must be the user's, active, and have signed
    /// the same client data bytes; <c>null</c> when it did, or when no device is concerned.
    /// </summary>
    private async Task<CeremonyFailure?> CheckCountersignatureAsync(string? deviceId, string userId, byte[] clientData, byte[] deviceSignature, CancellationToken cancellationToken)
    {
        if (deviceId is null)
        {
            return null;
        }

        if (deviceSignature.Length == 0)
        {
            return new CeremonyFailure(CeremonyError.DeviceSignatureRequired, "The device's deviceSignature of the same clientData is required.");
        }

        var device = await repository.FindActiveDeviceAsync(deviceId, userId, cancellationToken);
        if (!device.Succeeded)
        {
            return device.Failure;
        }

        return KeySignatures.Verify(device.Value, clientData, deviceSignature)
            ? null
            : new CeremonyFailure(CeremonyError.SignatureInvalid, "The device's countersignature does not verify with the device's key.");
    }

    private static partial class Log
    {
        [LoggerMessage(7221, LogLevel.Information, "Registered a biometric key ({Algorithm}, {Format} signatures); tied to a device: {Tied}.")]
        public static partial void Registered(ILogger logger, KeyAlgorithm algorithm, SignatureFormat format, bool tied);

        [LoggerMessage(7222, LogLevel.Debug, "A biometric key ({Algorithm}) signed in; countersigned by a device: {Countersigned}.")]
        public static partial void SignedIn(ILogger logger, KeyAlgorithm algorithm, bool countersigned);
    }
}
