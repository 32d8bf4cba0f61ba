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

    public AttestationMode Attestation { get; init; } = AttestationMode.None;

    /// <summary>When not empty, only these authenticator models may register.</summary>
    public IReadOnlySet<Guid> AllowedAaguids { get; init; } = new HashSet<Guid>();

    public IReadOnlySet<Guid> DeniedAaguids { get; init; } = new HashSet<Guid>();

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);
}
