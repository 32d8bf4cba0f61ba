namespace PasskeyGateway.Configuration;

public sealed record PasskeyOptions
{
    /// <summary><c>required</c>, <c>preferred</c> or <c>discouraged</c>.</summary>
    public string UserVerification { get; init; } = "required";

    /// <summary><c>required</c>, <c>preferred</c> or <c>discouraged</c>.</summary>
    public string ResidentKey { get; init; } = "preferred";

    /// <summary><c>none</c>, <c>verify</c> or <c>require</c>.</summary>
    public string Attestation { get; init; } = "none";

    public string? MetadataBlob { get; init; }

    public string? MetadataRoot { get; init; }

    public IReadOnlyList<string> AllowedAaguids { get; init; } = [];

    public IReadOnlyList<string> DeniedAaguids { get; init; } = [];

    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether a user may delete their last remaining credential.</summary>
    public bool AllowDeletingLastCredential { get; init; }
}
