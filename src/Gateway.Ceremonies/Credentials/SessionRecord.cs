namespace PasskeyGateway.Ceremonies.Credentials;

/// <summary>
/// A sign-in's session (DESIGN.md §11.1): <paramref name="Id"/> is the tokens' <c>sid</c>. Ended by sign-out, by the
/// user or an administrator, by an account change, or by a newer session beyond the per-user limit.
/// </summary>
/// <param name="UserAgent">As the browser or app sent it, cut to <see cref="MaxUserAgentLength"/> characters.</param>
public sealed record SessionRecord(
    string Id,
    string UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string AuthMethod,
    string? UserAgent,
    string? DeviceId)
{
    public const int MaxUserAgentLength = 200;

    public static string? CutUserAgent(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? null : userAgent.Length <= MaxUserAgentLength ? userAgent : userAgent[..MaxUserAgentLength];
}
