namespace PasskeyGateway.Headers;

/// <summary>
/// The identity headers sent when <c>Gateway:IdentityHeaders</c> is not configured: the names oauth2-proxy uses, so a
/// legacy app that sat behind it keeps working, plus the gateway's own device and method headers (DESIGN.md §6).
/// </summary>
internal static class IdentityHeaderDefaults
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["X-Forwarded-User"] = "sub",
        ["X-Forwarded-Preferred-Username"] = "preferred_username",
        ["X-Forwarded-Email"] = "email",
        ["X-Forwarded-Groups"] = "groups",
        ["X-Auth-Method"] = "auth_method",
        ["X-Device-Id"] = "device_id",
    };

    /// <summary>
    /// Headers that IIS's URL Rewrite, Symfony and some PHP frameworks read as the request's path in place of the
    /// request line's: a client's copy would make the backend serve another path than the one the gateway authorized.
    /// </summary>
    public static readonly IReadOnlyList<string> PathOverrides = ["X-Original-URL", "X-Rewrite-URL"];

    /// <summary>
    /// Removed from every request whatever the configured map says: a backend that once trusted them (the defaults,
    /// oauth2-proxy's <c>X-Auth-Request-*</c> family) must never receive a client's copy.
    /// </summary>
    public static readonly IReadOnlyList<string> AlwaysScrubbed =
    [
        .. Map.Keys,
        "X-Forwarded-Access-Token",
        "X-Auth-Request-User",
        "X-Auth-Request-Email",
        "X-Auth-Request-Preferred-Username",
        "X-Auth-Request-Groups",
        "X-Auth-Request-Access-Token",
        "X-Gateway-Assertion",
        "X-Transaction-Credential",
        "X-Proof-Of-Possession",
        .. PathOverrides,
    ];
}
