using Fido2NetLib.Objects;

namespace PasskeyGateway.Ceremonies.Passkeys;

/// <summary>The relying party and the policy its passkey ceremonies follow, resolved from the gateway's configuration.</summary>
public sealed record PasskeySettings
{
    public required string RelyingPartyId { get; init; }

    public required string RelyingPartyName { get; init; }

    /// <summary>Web origins (with port) and app origins (<c>android:apk-key-hash:…</c>) accepted in clientDataJSON.</summary>
    public required IReadOnlySet<string> Origins { get; init; }

    public UserVerificationRequirement UserVerification { get; init; } = UserVerificationRequirement.Required;

    public ResidentKeyRequirement ResidentKey { get; init; } = ResidentKeyRequirement.Preferred;

    /// <summary>
    /// Whether a username-first sign-in lists the account's credentials: only when discoverable credentials are
    /// discouraged (security keys that cannot be found without their id). Otherwise every username gets the same
    /// answer, with no credential ids, and a credential the authenticator cannot discover is refused at registration.
    /// </summary>
    public bool ListsCredentials => ResidentKey == ResidentKeyRequirement.Discouraged;

    public AttestationMode Attestation { get; init; } = AttestationMode.None;

    /// <summary>When not empty, only these authenticator models may register.</summary>
    public IReadOnlySet<Guid> AllowedAaguids { get; init; } = new HashSet<Guid>();

    public IReadOnlySet<Guid> DeniedAaguids { get; init; } = new HashSet<Guid>();

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);
}
