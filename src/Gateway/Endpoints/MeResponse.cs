namespace PasskeyGateway.Endpoints;

/// <summary>The answer of <c>GET /.auth/me</c>.</summary>
internal sealed record MeResponse(
    UserSummary User,
    string? AuthMethod,
    IReadOnlyList<string> Amr,
    string? DeviceId,
    DateTimeOffset? AuthTime,
    DateTimeOffset ExpiresAt,
    string Issuer);
