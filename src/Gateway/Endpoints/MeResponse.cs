namespace PasskeyGateway.Endpoints;

/// <summary>
/// The answer of <c>GET /.auth/me</c>. <paramref name="SessionId"/> is the gateway session's <c>sid</c> (the id the
/// session list shows; absent for an external issuer's token): a step-up keeps it and renews <paramref name="AuthTime"/>.
/// </summary>
internal sealed record MeResponse(
    UserSummary User,
    string? AuthMethod,
    IReadOnlyList<string> Amr,
    string? DeviceId,
    DateTimeOffset? AuthTime,
    DateTimeOffset ExpiresAt,
    string Issuer,
    string? SessionId);
