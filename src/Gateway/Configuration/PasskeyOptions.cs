using Fido2NetLib.Objects;
using PasskeyGateway.Ceremonies.Passkeys;

namespace PasskeyGateway.Configuration;

/// <summary><c>Gateway:Passkeys</c> (DESIGN.md §10).</summary>
public sealed record PasskeyOptions
{
    public UserVerificationRequirement UserVerification { get; init; } = UserVerificationRequirement.Required;

    public ResidentKeyRequirement ResidentKey { get; init; } = ResidentKeyRequirement.Preferred;

    public AttestationMode Attestation { get; init; } = AttestationMode.None;

    public string? MetadataBlob { get; init; }

    public string? MetadataRoot { get; init; }

    /// <summary>When not empty, only these authenticator models (AAGUIDs) may register.</summary>
    public IReadOnlyList<Guid> AllowedAaguids { get; init; } = [];

    public IReadOnlyList<Guid> DeniedAaguids { get; init; } = [];

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a user may delete their last remaining credential.</summary>
    public bool AllowDeletingLastCredential { get; init; }
}
