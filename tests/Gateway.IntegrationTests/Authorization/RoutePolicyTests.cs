using System.Net;
using System.Net.Http.Headers;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Authorization;

/// <summary>Every kind of route policy against callers that do and do not satisfy it (DESIGN.md §3, issue 3 item 5).</summary>
public sealed class RoutePolicyTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    public static TheoryData<string, string, HttpStatusCode, string?> Matrix => new()
    {
        // route, caller, expected status, and the problem code of a refusal
        { "/public/page", "anonymous", HttpStatusCode.OK, null },
        { "/public/page", "plain", HttpStatusCode.OK, null },
        { "/app/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/app/page", "plain", HttpStatusCode.OK, null },
        { "/default-policy/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/default-policy/page", "plain", HttpStatusCode.OK, null },
        { "/admin/page", "anonymous", HttpStatusCode.Unauthorized, "authentication-required" },
        { "/admin/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/admin/page", "admin", HttpStatusCode.OK, null },
        { "/admin/page", "admin-in-roles", HttpStatusCode.OK, null },
        { "/engineering/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/engineering/page", "research", HttpStatusCode.OK, null },
        { "/engineering/page", "sales", HttpStatusCode.Forbidden, "forbidden" },
        { "/passkey-only/page", "plain", HttpStatusCode.OK, null },
        { "/known-device/page", "plain", HttpStatusCode.Forbidden, "forbidden" },
        { "/known-device/page", "device", HttpStatusCode.OK, null },
        { "/fresh/page", "plain", HttpStatusCode.OK, null },

        // Step-up (RFC 9470): a new sign-in meets these, so the token is challenged rather than refused.
        { "/passkey-only/page", "biometric", HttpStatusCode.Unauthorized, "auth-method-not-allowed" },
        { "/fresh/page", "stale", HttpStatusCode.Unauthorized, "reauthentication-required" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Route_CallerKind_GetsExpectedStatus(string path, string caller, HttpStatusCode expected, string? code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (TokenFor(caller) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var echoed = await EchoedRequest.ReadAsync(response);
            Assert.Equal(path, echoed.Path);
        }
        else
        {
            Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task Forbidden_ListsEveryFailedCondition()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/known-device/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor("plain"));

        using var response = await Gateway.Client.SendAsync(request);

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal(["device-required"], problem.Body["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task HtmlNavigation_Unauthenticated_RedirectsToLoginWithReturnPath()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/orders?id=7&sort=desc");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/.auth/login?returnUrl=%2Fapp%2Forders%3Fid%3D7%26sort%3Ddesc", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("POST", "text/html")]
    [InlineData("GET", "application/json")]
    [InlineData("GET", null)]
    public async Task NonNavigation_Unauthenticated_Gets401WithBearerChallenge(string method, string? accept)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/app/orders");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("/.auth/not-an-endpoint")]
    [InlineData("/.auth/login/extra")]
    public async Task GatewayPrefix_IsNeverProxied_EvenByCatchAllRoute(string path)
    {
        var token = TokenFor("plain");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-found", (await ProblemResponse.ReadAsync(response)).Code);
    }

    private string? TokenFor(string caller)
    {
        var identity = GatewayHost.Identity();
        identity = caller switch
        {
            "anonymous" => null,
            "plain" => identity,
            "admin" => identity with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } },
            "admin-in-roles" => identity with { ExtraClaims = new Dictionary<string, object> { ["roles"] = new[] { "viewer", "admin" } } },
            "research" => identity with { ExtraClaims = new Dictionary<string, object> { ["department"] = "research" } },
            "sales" => identity with { ExtraClaims = new Dictionary<string, object> { ["department"] = "sales" } },
            "biometric" => identity with { AuthMethod = "biometric" },
            "device" => identity with { DeviceId = "dev-" + TokenIssuer.NewId() },
            "stale" => identity with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) },
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
        return identity is null ? null : Gateway.IssueAccessToken(identity);
    }
}
