namespace PasskeyGateway.Configuration;

/// <summary>
/// <c>Gateway:RateLimits</c>: limits on the ceremony endpoints, per client (its address, IPv6 per /64, or its user when
/// signed in). Shared by every replica through Redis when it is configured. Proxied traffic is never limited.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>Ceremony requests (options and finishes) one client may make in a minute.</summary>
    public int CeremoniesPerMinute { get; init; } = 60;

    /// <summary>Failed ceremony finishes allowed per client and per account in a quarter of an hour.</summary>
    public int FailedSignInsPerQuarterHour { get; init; } = 20;
}
