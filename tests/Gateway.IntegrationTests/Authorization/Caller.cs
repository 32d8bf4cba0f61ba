using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Authorization;

/// <summary>
/// Kinds of caller, as the headers their requests carry: none, a browser, bearer tokens meeting or missing a policy's
/// conditions, expired or revoked ones, a session cookie from the site or from another one, browsers whose session is
/// too old or of another method (step-up), a CORS preflight. For tests that compare two ways of deciding the same
/// request (proxied, forward auth, <c>gateway explain</c>).
/// </summary>
public static class Caller
{
    public const string EvilOrigin = "https://evil.example";

    public static IReadOnlyList<string> Kinds { get; } =
    [
        "anonymous", "anonymous-browser", "plain", "admin", "stale", "biometric", "stale-biometric", "expired", "revoked",
        "two-authorizations", "cookie-cross-site", "cookie-same-origin", "bearer-cross-site", "stale-cookie", "stale-browser",
        "biometric-browser", "stale-biometric-browser", "preflight",
    ];

    /// <summary>The headers of <paramref name="kind"/>'s request to <paramref name="gateway"/> (whose public origin is the site).</summary>
    public static async Task<IReadOnlyList<(string Name, string Value)>> HeadersAsync(GatewayHost gateway, string kind)
    {
        var identity = GatewayHost.Identity("caller-" + kind);
        var site = gateway.Options.PublicOrigin!.GetLeftPart(UriPartial.Authority);
        var cookie = $"{gateway.Options.Session.CookieName}={gateway.IssueSessionToken(identity)}";
        var old = identity with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) };
        var biometric = identity with { AuthMethod = "biometric" };
        return kind switch
        {
            "anonymous" => [],
            "anonymous-browser" => [("Accept", "text/html,application/xhtml+xml")],
            "plain" => Bearer(gateway.IssueAccessToken(identity)),
            "admin" => Bearer(gateway.IssueAccessToken(identity with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } })),
            "stale" => Bearer(gateway.IssueAccessToken(old)),
            "biometric" => Bearer(gateway.IssueAccessToken(biometric)),
            "stale-biometric" => Bearer(gateway.IssueAccessToken(biometric with { AuthTime = old.AuthTime })),
            "expired" => Bearer(gateway.IssueAccessToken(identity with { AuthTime = DateTimeOffset.UtcNow.AddDays(-30) })),
            "revoked" => Bearer(await RevokedTokenAsync(gateway, identity)),
            "two-authorizations" => [("Authorization", "Bearer a"), ("Authorization", "Bearer b")],
            "cookie-cross-site" => [("Cookie", cookie), ("Origin", EvilOrigin), ("Sec-Fetch-Site", "cross-site")],
            "cookie-same-origin" => [("Cookie", cookie), ("Origin", site), ("Sec-Fetch-Site", "same-origin")],
            "bearer-cross-site" => [.. Bearer(gateway.IssueAccessToken(identity)), ("Origin", EvilOrigin)],
            "stale-cookie" => [Cookie(gateway, old), ("Accept", "application/json")],
            "stale-browser" => Browser(gateway, old),
            "biometric-browser" => Browser(gateway, biometric),
            "stale-biometric-browser" => Browser(gateway, biometric with { AuthTime = old.AuthTime }),
            "preflight" => [("Origin", "https://spa.example"), ("Access-Control-Request-Method", "POST")],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public static void AddTo(HttpRequestMessage request, IEnumerable<(string Name, string Value)> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static List<(string, string)> Bearer(string token) => [("Authorization", "Bearer " + token)];

    private static (string, string) Cookie(GatewayHost gateway, SignInIdentity identity) =>
        ("Cookie", $"{gateway.Options.Session.CookieName}={gateway.IssueSessionToken(identity)}");

    /// <summary>A browser navigation with the session cookie of <paramref name="identity"/>.</summary>
    private static List<(string, string)> Browser(GatewayHost gateway, SignInIdentity identity) =>
        [Cookie(gateway, identity), ("Accept", "text/html,application/xhtml+xml")];

    /// <summary>A token whose session has been ended (the revocation written to the store and held by the gateway).</summary>
    private static async Task<string> RevokedTokenAsync(GatewayHost gateway, SignInIdentity identity)
    {
        var token = gateway.IssueAccessToken(identity);
        var now = DateTimeOffset.UtcNow;
        await gateway.Services.GetRequiredService<IRevocationList>()
            .RevokeAsync(new Revocation(RevocationKind.Session, identity.SessionId, now, now.AddHours(1)), CancellationToken.None);
        return token;
    }
}
