using System.Text.Json.Serialization;
using PasskeyGateway.Endpoints;

namespace PasskeyGateway.Sessions;

/// <summary>DESIGN.md §4: every successful sign-in answers <c>{ token, expiresAt, user }</c> (plus the session cookie).</summary>
internal sealed record SignInAnswer(string Token, DateTimeOffset ExpiresAt, UserSummary User)
{
    /// <summary>Set when the sign-in came with a new passkey (account-creating registration).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CredentialId { get; init; }
}
