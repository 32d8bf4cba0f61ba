using System.Text.Json.Serialization;

namespace PasskeyGateway.Account;

/// <summary>One entry of <c>GET /.auth/account/credentials</c> (DESIGN.md §10).</summary>
internal sealed record CredentialSummary(
    string Id,
    string Type,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Flagged = false)
{
    public const string Passkey = "passkey";
    public const string Device = "device";
    public const string Biometric = "biometric";
}

/// <summary>The body of the credentials list.</summary>
internal sealed record CredentialList(IReadOnlyList<CredentialSummary> Credentials);

/// <summary>The body of a rename.</summary>
internal sealed record RenameRequest(string? Name);
