using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using PasskeyGateway.Ceremonies.Challenges;
using PasskeyGateway.Ceremonies.Credentials;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>
/// The relying party's application layer for passkeys: options → challenge store, response → verification → credential
/// repository. Registration creates an account or adds a passkey to the signed-in one; sign-in is username-first or
/// usernameless (discoverable credentials, conditional mediation).
/// </summary>
internal sealed partial class PasskeyCeremonies(
    PasskeyVerifier verifier,
    CeremonyChallenges challenges,
    ICredentialRepository repository,
    PasskeySettings settings,
    TimeProvider timeProvider,
    ILogger<PasskeyCeremonies> logger)
{
    public const int MaxUsernameLength = 64;

    /// <summary>Where credentials are listed, every answer lists at least this many, decoys making up the rest.</summary>
    public const int MinimumListed = 4;

    /// <summary>
    /// Keys the decoy credential ids answered for unknown usernames: kept in the credential store, so it is the same on
    /// every replica and across restarts and signing-key rotations, or a caller could tell unknown names apart.
    /// </summary>
    private const string DecoySecretName = "username-decoys";

    private byte[]? _decoySecret;

    /// <summary>
    /// Registration options. Without <paramref name="currentUserId"/> this starts a new account named
    /// <paramref name="username"/>; with it, another passkey for that user (the username, if given, must be theirs).
    /// </summary>
    public async Task<CeremonyResult<PasskeyOptionsJson>> BeginRegistrationAsync(string? username, string? displayName, string? currentUserId, string requester, CancellationToken cancellationToken)
    {
        PasskeyCeremonyState state;
        IReadOnlyList<PublicKeyCredentialDescriptor> exclude = [];
        if (currentUserId is null)
        {
            if (NormalizeUsername(username) is not { } name)
            {
                return new CeremonyFailure(CeremonyError.UsernameInvalid, $"A username of 1 to {MaxUsernameLength} characters, without control characters, is required.");
            }

            if (await repository.FindUserByUsernameAsync(name, cancellationToken) is not null)
            {
                return new CeremonyFailure(CeremonyError.UsernameTaken, "That username is taken.");
            }

            var display = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
            state = new PasskeyCeremonyState
            {
                UserId = CredentialIdentifiers.NewId(),
                CreatesAccount = true,
                Username = name,
                DisplayName = display.Length > 128 ? display[..128] : display,
                UserHandle = CredentialIdentifiers.NewUserHandle(),
            };
        }
        else
        {
            var user = await repository.FindUserAsync(currentUserId, cancellationToken);
            if (user is null || user.Disabled)
            {
                return new CeremonyFailure(CeremonyError.UserDisabled, "The signed-in account cannot add passkeys.");
            }

            if (username is not null && NormalizeUsername(username) is var requested
                && !string.Equals(UsernameNormalizer.Normalize(requested ?? ""), UsernameNormalizer.Normalize(user.Username), StringComparison.Ordinal))
            {
                return new CeremonyFailure(CeremonyError.UsernameNotCurrentUser, "While signed in, passkeys can only be added to the signed-in account.");
            }

            state = new PasskeyCeremonyState
            {
                UserId = user.Id,
                Username = user.Username,
                DisplayName = user.DisplayName,
                UserHandle = user.UserHandle.ToArray(),
            };
            exclude = [.. (await repository.ListPasskeysAsync(user.Id, cancellationToken)).Select(Descriptor)];
        }

        var issued = await IssueAsync(ChallengePurpose.PasskeyRegistration, state, requester, cancellationToken);
        var options = verifier.CreateRegistrationOptions(Base64Url.DecodeFromChars(issued.Challenge), ToFido2User(state), exclude);
        return new PasskeyOptionsJson(options.ToJson(), issued.ExpiresAt);
    }

    /// <summary>Verifies a registration (the <c>PublicKeyCredential.toJSON()</c> body) and stores the passkey.</summary>
    public async Task<CeremonyResult<PasskeyRegistration>> CompleteRegistrationAsync(ReadOnlyMemory<byte> body, string? currentUserId, CancellationToken cancellationToken)
    {
        var response = PasskeyVerifier.Parse<AuthenticatorAttestationRawResponse>(body.Span);
        if (response?.Response?.ClientDataJson is null || response.Response.AttestationObject is null || response.RawId is not { Length: > 0 })
        {
            return Malformed("The body is not a PublicKeyCredential JSON with an attestation response.");
        }

        var consumed = await ConsumeAsync(ChallengePurpose.PasskeyRegistration, response.Response.ClientDataJson, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        var (state, challenge) = consumed.Value;

        // The challenge was bound to one account: only that account's session may finish adding a passkey to it.
        if (!state.CreatesAccount && state.UserId != currentUserId)
        {
            return new CeremonyFailure(CeremonyError.UsernameNotCurrentUser, "This registration was started for another account.");
        }

        var options = verifier.CreateRegistrationOptions(challenge, ToFido2User(state), []);
        var verified = await verifier.VerifyRegistrationAsync(
            options,
            response,
            async (parameters, token) => await repository.FindPasskeyAsync(parameters.CredentialId, token) is null,
            cancellationToken);
        if (!verified.Succeeded)
        {
            return verified.Failure;
        }

        if (verified.Value.Discoverable == false && !settings.ListsCredentials)
        {
            // Sign-in names no credentials (see BeginAuthenticationAsync): one the authenticator cannot find by itself
            // could never sign in. The client said so in credProps (WebAuthn L3 §10.1.3).
            return new CeremonyFailure(CeremonyError.CredentialNotDiscoverable, "This authenticator made a credential it cannot find by itself, so it could not sign in here; use a passkey (a discoverable credential).");
        }

        var now = timeProvider.GetUtcNow();
        UserAccount? user;
        if (state.CreatesAccount)
        {
            user = new UserAccount(state.UserId!, state.Username!, state.DisplayName!, state.UserHandle!, [], now, Disabled: false);
            if (await repository.CreateUserAsync(user, cancellationToken) == CreateResult.Conflict)
            {
                return new CeremonyFailure(CeremonyError.UsernameTaken, "That username was taken while the passkey was being created.");
            }
        }
        else
        {
            user = await repository.FindUserAsync(state.UserId!, cancellationToken);
            if (user is null || user.Disabled)
            {
                return new CeremonyFailure(CeremonyError.UserDisabled, "The account cannot add passkeys.");
            }
        }

        var registered = verified.Value;
        var passkey = new Passkey(
            registered.CredentialId, user.Id, registered.PublicKeyCose, registered.SignCount, registered.Aaguid, registered.Transports,
            registered.BackupEligible, registered.BackupState, registered.AttestationFormat, registered.Trust, Nickname: null, now,
            LastUsedAt: null, FlaggedAt: null, FlagReason: null);
        if (await repository.AddPasskeyAsync(passkey, cancellationToken) == CreateResult.Conflict)
        {
            return new CeremonyFailure(CeremonyError.CredentialExists, "This passkey is already registered.");
        }

        Log.Registered(logger, registered.AttestationFormat, registered.Trust, state.CreatesAccount);
        return new PasskeyRegistration(user, passkey, state.CreatesAccount, registered.UserVerified);
    }

    /// <summary>
    /// Sign-in options. With a username, the challenge is bound to that account, and the answer says nothing of what
    /// the account holds — nor whether it exists: by default it lists no credentials at all (passkeys are
    /// discoverable: the authenticator finds them by the relying party), the same for every username. Only where
    /// discoverable credentials are discouraged (security keys found by their id alone) are the account's credential
    /// ids listed, padded with decoys to <see cref="MinimumListed"/> entries, the decoys stable per username and slot;
    /// an unknown username gets decoys only.
    /// </summary>
    public async Task<CeremonyResult<PasskeyOptionsJson>> BeginAuthenticationAsync(string? username, string requester, CancellationToken cancellationToken)
    {
        var state = new PasskeyCeremonyState();
        IReadOnlyList<PublicKeyCredentialDescriptor> allowed = [];
        if (!string.IsNullOrWhiteSpace(username))
        {
            var name = NormalizeUsername(username) ?? username.Trim();
            var user = await repository.FindUserByUsernameAsync(name, cancellationToken);
            if (settings.ListsCredentials)
            {
                var passkeys = user is null ? [] : await repository.ListPasskeysAsync(user.Id, cancellationToken);
                allowed = [.. passkeys.Select(Descriptor), .. await DecoysAsync(name, MinimumListed - passkeys.Count, cancellationToken)];
            }

            state = new PasskeyCeremonyState { UserId = user?.Id ?? "", Username = name };
        }

        var issued = await IssueAsync(ChallengePurpose.PasskeyAuthentication, state, requester, cancellationToken);
        var options = verifier.CreateAssertionOptions(Base64Url.DecodeFromChars(issued.Challenge), allowed);
        return new PasskeyOptionsJson(options.ToJson(), issued.ExpiresAt);
    }

    /// <summary>Verifies a sign-in assertion (the <c>PublicKeyCredential.toJSON()</c> body) and records the use.</summary>
    public async Task<CeremonyResult<PasskeySignIn>> CompleteAuthenticationAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var response = PasskeyVerifier.Parse<AuthenticatorAssertionRawResponse>(body.Span);
        if (response?.Response?.ClientDataJson is null || response.Response.AuthenticatorData is null || response.Response.Signature is null
            || response.RawId is not { Length: > 0 })
        {
            return Malformed("The body is not a PublicKeyCredential JSON with an assertion response.");
        }

        var consumed = await ConsumeAsync(ChallengePurpose.PasskeyAuthentication, response.Response.ClientDataJson, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        var (state, challenge) = consumed.Value;
        var passkey = await repository.FindPasskeyAsync(response.RawId, cancellationToken);
        if (passkey is null)
        {
            return new CeremonyFailure(CeremonyError.CredentialUnknown, "No account has this passkey.");
        }

        var signIn = await SignInWithPasskeyAsync(passkey, state, challenge, response, cancellationToken);
        return signIn.Succeeded ? signIn : signIn.Failure with { UserId = passkey.UserId };
    }

    /// <summary>The checks once the passkey is known: every refusal from here on is an attempt against its account.</summary>
    private async Task<CeremonyResult<PasskeySignIn>> SignInWithPasskeyAsync(
        Passkey passkey,
        PasskeyCeremonyState state,
        byte[] challenge,
        AuthenticatorAssertionRawResponse response,
        CancellationToken cancellationToken)
    {
        // Username-first: the passkey must be one of that user's (a credential can only sign in its own user).
        if (state.UserId is not null && state.UserId != passkey.UserId)
        {
            return new CeremonyFailure(CeremonyError.CredentialUserMismatch, "This passkey does not belong to the account that was named.");
        }

        if (passkey.IsFlagged)
        {
            return new CeremonyFailure(CeremonyError.CredentialFlagged, "This passkey was suspended after a suspicious sign-in; use another one.");
        }

        var user = await repository.FindUserAsync(passkey.UserId, cancellationToken);
        if (user is null || user.Disabled)
        {
            return new CeremonyFailure(CeremonyError.UserDisabled, "This account is disabled.");
        }

        // WebAuthn L3 §7.2 step 6: a user handle in the response names the account that owns the credential.
        if (response.Response.UserHandle is { Length: > 0 } userHandle && !userHandle.AsSpan().SequenceEqual(user.UserHandle.Span))
        {
            return new CeremonyFailure(CeremonyError.CredentialUserMismatch, "The user handle does not name the account that owns this passkey.");
        }

        var options = verifier.CreateAssertionOptions(challenge, []);
        var verified = await verifier.VerifyAssertionAsync(
            options,
            response,
            passkey.PublicKey.ToArray(),
            passkey.SignCount,
            passkey.BackupEligible,
            (parameters, _) => Task.FromResult(parameters.UserHandle.AsSpan().SequenceEqual(user.UserHandle.Span)),
            cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (!verified.Succeeded)
        {
            if (verified.Failure.Error == CeremonyError.SignCountRegression)
            {
                // WebAuthn L3 §7.2 step 22: a counter that does not increase is a signal of a cloned authenticator.
                await repository.FlagPasskeyAsync(passkey.CredentialId, "sign-count-regression", now, cancellationToken);
                Log.Flagged(logger);
            }

            return verified.Failure;
        }

        await repository.RecordPasskeySignInAsync(passkey.CredentialId, verified.Value.SignCount, verified.Value.BackupState, now, cancellationToken);
        return new PasskeySignIn(user, passkey with { SignCount = verified.Value.SignCount, BackupState = verified.Value.BackupState, LastUsedAt = now }, verified.Value);
    }

    private async Task<IssuedChallenge> IssueAsync(ChallengePurpose purpose, PasskeyCeremonyState state, string requester, CancellationToken cancellationToken) =>
        await challenges.IssueAsync(purpose, state, PasskeyStateJsonContext.Default.PasskeyCeremonyState, settings.ChallengeLifetime, requester, cancellationToken);

    private async Task<CeremonyResult<ConsumedCeremony>> ConsumeAsync(ChallengePurpose purpose, byte[] clientDataJson, CancellationToken cancellationToken)
    {
        if (!ClientData.TryRead(clientDataJson, out var clientData))
        {
            return Malformed("clientDataJSON is not a client data document with a challenge.");
        }

        byte[] challenge;
        try
        {
            challenge = Base64Url.DecodeFromChars(clientData.Challenge);
        }
        catch (FormatException)
        {
            return Malformed("The challenge in clientDataJSON is not base64url.");
        }

        var state = await challenges.ConsumeAsync(purpose, clientData.Challenge, PasskeyStateJsonContext.Default.PasskeyCeremonyState, cancellationToken);
        return state.Succeeded ? new ConsumedCeremony(state.Value, challenge) : state.Failure;
    }

    /// <summary>Trimmed, 1–64 characters, no control characters; <c>null</c> when it is not a usable username.</summary>
    internal static string? NormalizeUsername(string? username)
    {
        var trimmed = username?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxUsernameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    /// <summary>
    /// <paramref name="count"/> decoy descriptors for <paramref name="username"/>: secret-keyed, so the same on every
    /// replica and every call, shaped like security keys' (64-byte ids, USB and NFC).
    /// </summary>
    private async Task<IReadOnlyList<PublicKeyCredentialDescriptor>> DecoysAsync(string username, int count, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return [];
        }

        var secret = _decoySecret ??= await repository.GetOrCreateSecretAsync(DecoySecretName, 32, cancellationToken);
        var name = Encoding.UTF8.GetBytes(UsernameNormalizer.Normalize(username));
        var decoys = new PublicKeyCredentialDescriptor[count];
        for (var slot = 0; slot < count; slot++)
        {
            var id = new byte[64];
            HMACSHA256.HashData(secret, [.. name, 0, (byte)slot, 0], id);
            HMACSHA256.HashData(secret, [.. name, 0, (byte)slot, 1], id.AsSpan(32));
            decoys[slot] = new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PublicKey, id, [AuthenticatorTransport.Usb, AuthenticatorTransport.Nfc]);
        }

        return decoys;
    }

    private static PublicKeyCredentialDescriptor Descriptor(Passkey passkey) =>
        new(PublicKeyCredentialType.PublicKey, passkey.CredentialId.ToArray(), [.. passkey.Transports.Select(ParseTransport).OfType<AuthenticatorTransport>()]);

    private static AuthenticatorTransport? ParseTransport(string transport) => transport switch
    {
        "usb" => AuthenticatorTransport.Usb,
        "nfc" => AuthenticatorTransport.Nfc,
        "ble" => AuthenticatorTransport.Ble,
        "smart-card" => AuthenticatorTransport.SmartCard,
        "hybrid" => AuthenticatorTransport.Hybrid,
        "internal" => AuthenticatorTransport.Internal,
        _ => null,
    };

    private static Fido2User ToFido2User(PasskeyCeremonyState state) =>
        new() { Id = state.UserHandle!, Name = state.Username!, DisplayName = state.DisplayName ?? state.Username! };

    private static CeremonyFailure Malformed(string message) => new(CeremonyError.CredentialMalformed, message);

    private sealed record ConsumedCeremony(PasskeyCeremonyState State, byte[] Challenge)
    {
        public void Deconstruct(out PasskeyCeremonyState state, out byte[] challenge)
        {
            state = State;
            challenge = Challenge;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7002, LogLevel.Information, "Registered a passkey (attestation {Format}, {Trust}); new account: {NewAccount}.")]
        public static partial void Registered(ILogger logger, string format, AttestationTrust trust, bool newAccount);

        [LoggerMessage(7003, LogLevel.Warning, "Flagged a passkey whose signature counter did not increase (possible cloned authenticator).")]
        public static partial void Flagged(ILogger logger);
    }
}
