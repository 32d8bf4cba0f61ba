namespace PasskeyGateway.Proxy;

/// <summary>
/// Per-route gateway settings, kept in YARP's own route <c>Metadata</c> so the <c>ReverseProxy</c> section stays
/// exactly YARP's documented schema. Each is a flag (<c>"true"</c>/<c>"false"</c>, off by default) or a check
/// (<c>"on"</c>/<c>"off"</c>, on by default).
/// </summary>
internal static class RouteMetadataKeys
{
    public const string Prefix = "Gateway.";

    /// <summary>Flag: forward the <c>Authorization</c> header the gateway consumed.</summary>
    public const string ForwardAuthorization = "Gateway.ForwardAuthorization";

    /// <summary>Flag: forward the gateway's own session cookie.</summary>
    public const string ForwardSessionCookie = "Gateway.ForwardSessionCookie";

    /// <summary>Check: <c>"off"</c> when the backend defends itself against cross-site requests.</summary>
    public const string CsrfCheck = "Gateway.CsrfCheck";

    /// <summary>Check: <c>"off"</c> when the backend needs paths that common servers read differently (encoded slashes…).</summary>
    public const string PathCheck = "Gateway.PathCheck";

    public static readonly IReadOnlyList<string> Flags = [ForwardAuthorization, ForwardSessionCookie];

    public static readonly IReadOnlyList<string> Checks = [CsrfCheck, PathCheck];

    public static readonly IReadOnlyList<string> All = [.. Flags, .. Checks];

    public static bool IsSet(IReadOnlyDictionary<string, string>? metadata, string flag) =>
        metadata is not null && metadata.TryGetValue(flag, out var value) && bool.TryParse(value, out var set) && set;

    public static bool IsOff(IReadOnlyDictionary<string, string>? metadata, string check) =>
        metadata is not null && metadata.TryGetValue(check, out var value) && value.Equals("off", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="value"/> is one <paramref name="key"/> takes.</summary>
    public static bool IsValid(string key, string value) =>
        Checks.Contains(key, StringComparer.OrdinalIgnoreCase)
            ? value.Equals("on", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase)
            : bool.TryParse(value, out _);
}
