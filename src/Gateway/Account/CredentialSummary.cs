using System.Text.Json.Serialization;

namespace PasskeyGateway.Account;

/// <summary>
/// One entry of <c>GET /.auth/account/credentials</c> (DESIGN.md §10, §11.2). Passkeys add the authenticator model's
/// name when the FIDO metadata knows its AAGUID, and the backup flags: <see cref="BackupEligible"/> (BE, a passkey
/// that can be synced) and <see cref="BackedUp"/> (BS, synced now); both absent means device-bound.
/// </summary>
internal sealed record CredentialSummary(
    string Id,
    string Type,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Flagged = false)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Authenticator { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool BackupEligible { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool BackedUp { get; init; }

    public const string Passkey = "passkey";
    public const string Device = "device";
    public const string Biometric = "biometric";
}

/// <summary>The body of the credentials list.</summary>
internal sealed record CredentialList(IReadOnlyList<CredentialSummary> Credentials);

/// <summary>The body of a rename.</summary>
internal sealed record RenameRequest(string? Name);
