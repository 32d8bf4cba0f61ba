namespace PasskeyGateway.Configuration;

public sealed record SessionOptions
{
    public const string DefaultCookieName = "__Host-gateway";

    public string CookieName { get; init; } = "";

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// <c>false</c> sends the cookie over plain http; allowed only while the public origin is
    /// <c>http://localhost…</c> (DESIGN.md §10), and then the <c>__Host-</c> prefix is dropped.
    /// </summary>
    public bool Secure { get; init; } = true;
}
