namespace PasskeyGateway.Proxy;

/// <summary>The values of a route's <c>AuthorizationPolicy</c> that do not name a configured policy.</summary>
internal static class RoutePolicyNames
{
    /// <summary>No authentication required; identity headers are still sent when the caller is signed in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>YARP's name for the default policy: here, any authenticated caller. Same as leaving it out.</summary>
    public const string Default = "default";

    public static bool IsBuiltIn(string? name) =>
        string.IsNullOrEmpty(name)
        || name.Equals(Anonymous, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Default, StringComparison.OrdinalIgnoreCase);
}
