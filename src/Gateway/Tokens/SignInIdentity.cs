namespace PasskeyGateway.Tokens;

/// <summary>Who signed in, and how: the claims of every token minted for one session (DESIGN.md §5).</summary>
internal sealed record SignInIdentity(
    string UserId,
    string Username,
    string AuthMethod,
    IReadOnlyList<string> Amr,
    string SessionId,
    DateTimeOffset AuthTime)
{
    public string? CredentialId { get; init; }

    public string? DeviceId { get; init; }

    public bool UserVerified { get; init; }

    /// <summary>More claims (roles, groups); a value that is a string array becomes a JSON array.</summary>
    public IReadOnlyDictionary<string, object> ExtraClaims { get; init; } = new Dictionary<string, object>();
}
