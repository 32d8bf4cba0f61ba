namespace PasskeyGateway.Configuration;

/// <summary>
/// One CORS policy under <c>Gateway:Cors:{name}</c> (DESIGN.md §11.4), named by a route's <c>CorsPolicy</c>: which
/// other origins' pages may call the route from a browser. The gateway answers their preflights itself, before
/// authentication; the actual requests are authenticated as any other.
/// </summary>
public sealed record CorsPolicyOptions
{
    /// <summary>Origins (<c>https://app.example.com</c>), or <c>*</c> for any (not with credentials).</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>Methods beyond the simple ones; empty: GET, HEAD and POST.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Request headers the pages may send (<c>Authorization</c>, <c>Content-Type</c>, …).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Whether the pages' requests may carry cookies (the session cookie) and read the answers.</summary>
    public bool AllowCredentials { get; init; }

    /// <summary>How long a browser may cache a preflight's answer.</summary>
    public TimeSpan? MaxAge { get; init; }
}
