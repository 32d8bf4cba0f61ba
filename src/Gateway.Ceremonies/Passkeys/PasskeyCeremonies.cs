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
    IUserRepository users,
    IPasskeyRepository passkeys,
    IEnrollmentLinkRepository enrollmentLinks,
    ISecretRepository secrets,
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
    /// <paramref name="username"/>, if <paramref name="openRegistration"/> lets anyone create one; with it, another
    /// passkey for that user (the username, if given, must be theirs).
    /// </summary>
    public async Task<CeremonyResult<PasskeyOptionsJson>> BeginRegistrationAsync(string? username, string? displayName, string? currentUserId, bool openRegistration, string requester, CancellationToken cancellationToken)
    {
        PasskeyCeremonyState state;
        IReadOnlyList<PublicKeyCredentialDescriptor> exclude = [];
        if (currentUserId is null)
        {
            // Before anything about the name: under invitation nothing here may tell a taken name from a free one.
            if (!openRegistration)
            {
                return RegistrationClosed();
            }

            if (NormalizeUsername(username) is not { } name)
            {
                return new CeremonyFailure(CeremonyError.UsernameInvalid, $"A username of 1 to {MaxUsernameLength} characters, without control characters, is required.");
            }

            if (await users.FindUserByUsernameAsync(name, cancellationToken) is not null)
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
            var user = await users.FindUserAsync(currentUserId, cancellationToken);
            if (user is null || user.Disabled)
            {
                return new CeremonyFailure(CeremonyError.AccountDisabled, "The signed-in account cannot add passkeys.");
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
            exclude = [.. (await passkeys.ListPasskeysAsync(user.Id, cancellationToken)).Select(Descriptor)];
        }

        var issued = await IssueAsync(ChallengePurpose.PasskeyRegistration, state, requester, cancellationToken);
        var options = verifier.CreateRegistrationOptions(Base64Url.DecodeFromChars(issued.Challenge), ToFido2User(state), exclude);
        return new PasskeyOptionsJson(options.ToJson(), issued.ExpiresAt);
    }

    /// <summary>
    /// Verifies a registration (the <c>PublicKeyCredential.toJSON()</c> body) and stores the passkey, creating the
    /// account when the options were for a new one and <paramref name="openRegistration"/> still lets anyone create one.
    /// </summary>
    public async Task<CeremonyResult<PasskeyRegistration>> CompleteRegistrationAsync(ReadOnlyMemory<byte> body, string? currentUserId, bool openRegistration, CancellationToken cancellationToken)
    {
        var verification = await VerifyNewPasskeyAsync(body, ChallengePurpose.PasskeyRegistration, cancellationToken);
        if (!verification.Succeeded)
        {
            return verification.Failure;
        }

        var (state, registered) = verification.Value;

        // The challenge was bound to one account: only that account's session may finish adding a passkey to it.
        if (!state.CreatesAccount && state.UserId != currentUserId)
        {
            return new CeremonyFailure(CeremonyError.UsernameNotCurrentUser, "This registration was started for another account.");
        }

        // The configuration may have closed registration since the options were given.
        if (state.CreatesAccount && !openRegistration)
        {
            return RegistrationClosed();
        }

        var now = timeProvider.GetUtcNow();
        UserAccount? user;
        if (state.CreatesAccount)
        {
            user = new UserAccount(state.UserId!, state.Username!, state.DisplayName!, state.UserHandle!, [], now, Disabled: false);
            if (await users.CreateUserAsync(user, cancellationToken) == CreateResult.Conflict)
            {
                return new CeremonyFailure(CeremonyError.UsernameTaken, "That username was taken while the passkey was being created.");
            }
        }
        else
        {
            user = await users.FindUserAsync(state.UserId!, cancellationToken);
            if (user is null || user.Disabled)
            {
                return new CeremonyFailure(CeremonyError.AccountDisabled, "The account cannot add passkeys.");
            }
        }

        var passkey = NewPasskey(registered, user.Id, now);
        if (await passkeys.AddPasskeyAsync(passkey, cancellationToken) == CreateResult.Conflict)
        {
            return CredentialExists();
        }

        Log.Registered(logger, registered.AttestationFormat, registered.Trust, state.CreatesAccount);
        return new PasskeyRegistration(user, passkey, state.CreatesAccount, registered.UserVerified);
    }

    /// <summary>
    /// Registration options for the account of an enrollment or recovery link (DESIGN.md §11.1), given the SHA-256 of
    /// its token. The link is not spent here: only a passkey that verifies spends it.
    /// </summary>
    public async Task<CeremonyResult<PasskeyOptionsJson>> BeginEnrollmentAsync(byte[] linkHash, string requester, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (await enrollmentLinks.FindUsableEnrollmentLinkAsync(linkHash, now, cancellationToken) is not { } link
            || await users.FindUserAsync(link.UserId, cancellationToken) is not { Disabled: false } user)
        {
            return EnrollmentLinkInvalid();
        }

        var state = new PasskeyCeremonyState
        {
            UserId = user.Id,
            Username = user.Username,
            DisplayName = user.DisplayName,
            UserHandle = user.UserHandle.ToArray(),
            EnrollmentLinkHash = linkHash,
        };
        var exclude = (await passkeys.ListPasskeysAsync(user.Id, cancellationToken)).Select(Descriptor).ToList();
        var issued = await IssueAsync(ChallengePurpose.Enrollment, state, requester, cancellationToken);
        var options = verifier.CreateRegistrationOptions(Base64Url.DecodeFromChars(issued.Challenge), ToFido2User(state), exclude);
        return new PasskeyOptionsJson(options.ToJson(), issued.ExpiresAt);
    }

    /// <summary>
    /// Verifies an enrollment's registration and, in one transaction, stores the passkey and spends the link — which
    /// must be the one the options were given for, and still usable (DESIGN.md §11.6).
    /// </summary>
    public async Task<CeremonyResult<PasskeyRegistration>> CompleteEnrollmentAsync(ReadOnlyMemory<byte> credential, byte[] linkHash, CancellationToken cancellationToken)
    {
        var verification = await VerifyNewPasskeyAsync(credential, ChallengePurpose.Enrollment, cancellationToken);
        if (!verification.Succeeded)
        {
            return verification.Failure;
        }

        var (state, registered) = verification.Value;
        if (state.EnrollmentLinkHash is not { } issuedFor || !CryptographicOperations.FixedTimeEquals(issuedFor, linkHash))
        {
            return EnrollmentLinkInvalid();
        }

        var now = timeProvider.GetUtcNow();
        var passkey = NewPasskey(registered, state.UserId!, now);
        switch (await enrollmentLinks.EnrollAsync(linkHash, passkey, now, cancellationToken))
        {
            case EnrollmentResult.CredentialExists:
                return CredentialExists();
            case EnrollmentResult.LinkInvalid:
                return EnrollmentLinkInvalid();
        }

        if (await users.FindUserAsync(state.UserId!, cancellationToken) is not { } user)
        {
            // Deleted in the instant after the enrollment: its passkey went with it.
            return EnrollmentLinkInvalid();
        }

        Log.Enrolled(logger, registered.AttestationFormat, registered.Trust);
        return new PasskeyRegistration(user, passkey, AccountCreated: false, registered.UserVerified);
    }

    /// <summary>
    /// The part of every registration that does not depend on whose it is: the body read, the challenge of
    /// <paramref name="purpose"/> consumed, the attestation verified, and a credential sign-in could find.
    /// </summary>
    private async Task<CeremonyResult<VerifiedRegistration>> VerifyNewPasskeyAsync(ReadOnlyMemory<byte> body, ChallengePurpose purpose, CancellationToken cancellationToken)
    {
        var response = PasskeyVerifier.Parse<AuthenticatorAttestationRawResponse>(body.Span);
        if (response?.Response?.ClientDataJson is null || response.Response.AttestationObject is null || response.RawId is not { Length: > 0 })
        {
            return Malformed("The body is not a PublicKeyCredential JSON with an attestation response.");
        }

        var consumed = await ConsumeAsync(purpose, response.Response.ClientDataJson, cancellationToken);
        if (!consumed.Succeeded)
        {
            return consumed.Failure;
        }

        var (state, challenge) = consumed.Value;
        var options = verifier.CreateRegistrationOptions(challenge, ToFido2User(state), []);
        var verified = await verifier.VerifyRegistrationAsync(
            options,
            response,
            async (parameters, token) => await passkeys.FindPasskeyAsync(parameters.CredentialId, token) is null,
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

        return new VerifiedRegistration(state, verified.Value);
    }

    /// <summary>
    /// Sign-in options. With a username, the challenge is bound to that account, and the answer says nothing of what
    /// the account holds — nor whether it exists: by default it lists no credentials at all (passkeys are
    /// discoverable: the authenticator finds them by the relying party), the same for every username. Only where
    /// discoverable credentials are discouraged (security keys found by their id alone) are the account's credential
    /// ids listed, padded with decoys to <see cref="MinimumListed"/> entries, the decoys stable per username and slot;
    /// an unknown username gets decoys only.
    /// </summary>
    /// <param name="reauthenticates">
    /// The caller's session when it asks to sign in again (step-up): kept with the challenge, not bound to its user —
    /// another user's passkey may answer, and then ends that session instead of raising it.
    /// </param>
    public async Task<CeremonyResult<PasskeyOptionsJson>> BeginAuthenticationAsync(string? username, CeremonySession? reauthenticates, string requester, CancellationToken cancellationToken)
    {
        var state = new PasskeyCeremonyState();
        IReadOnlyList<PublicKeyCredentialDescriptor> allowed = [];
        if (!string.IsNullOrWhiteSpace(username))
        {
            var name = NormalizeUsername(username) ?? username.Trim();
            var user = await users.FindUserByUsernameAsync(name, cancellationToken);
            if (settings.ListsCredentials)
            {
                var held = user is null ? [] : await passkeys.ListPasskeysAsync(user.Id, cancellationToken);
                allowed = [.. held.Select(Descriptor), .. await DecoysAsync(name, MinimumListed - held.Count, cancellationToken)];
            }

            state = new PasskeyCeremonyState { UserId = user?.Id ?? "", Username = name };
        }

        state = state with { Reauthenticates = reauthenticates };
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
        var passkey = await passkeys.FindPasskeyAsync(response.RawId, cancellationToken);
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

        if (await users.FindUserAsync(passkey.UserId, cancellationToken) is not { } user)
        {
            return new CeremonyFailure(CeremonyError.CredentialUnknown, "No account has this passkey.");
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
                await passkeys.FlagPasskeyAsync(passkey.CredentialId, "sign-count-regression", now, cancellationToken);
                Log.Flagged(logger);
            }

            return verified.Failure;
        }

        // Only now, with the signature verified: the refusal tells nothing to someone without the passkey (DESIGN.md §11.1).
        if (user.Disabled)
        {
            return new CeremonyFailure(CeremonyError.AccountDisabled, "This account is disabled.") { UserId = user.Id };
        }

        await passkeys.RecordPasskeySignInAsync(passkey.CredentialId, verified.Value.SignCount, verified.Value.BackupState, now, cancellationToken);
        return new PasskeySignIn(user, passkey with { SignCount = verified.Value.SignCount, BackupState = verified.Value.BackupState, LastUsedAt = now }, verified.Value, state.Reauthenticates);
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

        var secret = _decoySecret ??= await secrets.GetOrCreateSecretAsync(DecoySecretName, 32, cancellationToken);
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

    private static CeremonyFailure RegistrationClosed() =>
        new(CeremonyError.RegistrationClosed, "Accounts are created by an administrator here: ask for an enrollment link.");

    private static CeremonyFailure EnrollmentLinkInvalid() =>
        new(CeremonyError.EnrollmentLinkInvalid, "This link cannot be used (unknown, used, replaced by a newer one, or expired): ask for a new one.");

    private static CeremonyFailure CredentialExists() => new(CeremonyError.CredentialExists, "This passkey is already registered.");

    private static Passkey NewPasskey(RegisteredPasskey registered, string userId, DateTimeOffset now) => new(
        registered.CredentialId, userId, registered.PublicKeyCose, registered.SignCount, registered.Aaguid, registered.Transports,
        registered.BackupEligible, registered.BackupState, registered.AttestationFormat, registered.Trust, Nickname: null, now,
        LastUsedAt: null, FlaggedAt: null, FlagReason: null);

    private sealed record VerifiedRegistration(PasskeyCeremonyState State, RegisteredPasskey Passkey)
    {
        public void Deconstruct(out PasskeyCeremonyState state, out RegisteredPasskey passkey)
        {
            state = State;
            passkey = Passkey;
        }
    }

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

        [LoggerMessage(7004, LogLevel.Information, "Enrolled a passkey through an enrollment link (attestation {Format}, {Trust}).")]
        public static partial void Enrolled(ILogger logger, string format, AttestationTrust trust);

        [LoggerMessage(7003, LogLevel.Warning, "Flagged a passkey whose signature counter did not increase (possible cloned authenticator).")]
        public static partial void Flagged(ILogger logger);
    }
}
