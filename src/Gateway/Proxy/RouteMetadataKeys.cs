namespace PasskeyGateway.Proxy;

/// <summary>
/// Per-route gateway settings, kept in YARP's own route <c>Metadata</c> so the <c>ReverseProxy</c> section stays
/// exactly YARP's documented schema.
/// </summary>
internal static class RouteMetadataKeys
{
    public const string Prefix = "Gateway.";

    /// <summary><c>"true"</c>: forward the <c>Authorization</c> header the gateway consumed.</summary>
    public const string ForwardAuthorization = "Gateway.ForwardAuthorization";

    /// <summary><c>"true"</c>: forward the gateway's own session cookie.</summary>
    public const string ForwardSessionCookie = "Gateway.ForwardSessionCookie";

    public static readonly IReadOnlyList<string> All = [ForwardAuthorization, ForwardSessionCookie];

    public static bool IsSet(IReadOnlyDictionary<string, string>? metadata, string key) =>
        metadata is not null && metadata.TryGetValue(key, out var value) && bool.TryParse(value, out var set) && set;
}
