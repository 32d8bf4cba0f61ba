using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Headers;

/// <summary>
/// The credentials the gateway consumed stay at the gateway unless a route opts in; other cookies and non-bearer
/// Authorization pass; values carry several claim values comma-joined (DESIGN.md §10).
/// </summary>
public sealed class CredentialForwardingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task BearerToken_IsNotForwarded_ByDefault()
    {
        var echoed = await SendAsync("/app/x", bearer: true);

        Assert.Empty(echoed.Header("Authorization"));
        Assert.Equal(["alice"], echoed.Header("X-Forwarded-User"));
    }

    [Fact]
    public async Task BearerToken_IsForwarded_WhenRouteOptsIn()
    {
        var token = Gateway.IssueAccessToken(GatewayHost.Identity());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/forward-credentials/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var echoed = await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));

        Assert.Equal([$"Bearer {token}"], echoed.Header("Authorization"));
    }

    [Fact]
    public async Task BasicAuthorization_OnAnonymousRoute_PassesThrough()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        var echoed = await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));

        Assert.Equal(["Basic dXNlcjpwYXNz"], echoed.Header("Authorization"));
    }

    [Fact]
    public async Task SessionCookie_IsRemoved_OtherCookiesPass()
    {
        var session = Gateway.IssueSessionToken(GatewayHost.Identity("dave"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Add("Cookie", $"theme=dark; {Gateway.Options.Session.CookieName}={session}; lang=en");

        var echoed = await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));

        Assert.Equal(["dave"], echoed.Header("X-Forwarded-User"));
        var cookie = string.Join("; ", echoed.Header("Cookie"));
        Assert.Contains("theme=dark", cookie, StringComparison.Ordinal);
        Assert.Contains("lang=en", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(session, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsForwarded_WhenRouteOptsIn()
    {
        var session = Gateway.IssueSessionToken(GatewayHost.Identity("dave"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/forward-credentials/x");
        request.Headers.Add("Cookie", $"{Gateway.Options.Session.CookieName}={session}");

        var echoed = await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));

        Assert.Contains(session, string.Join("; ", echoed.Header("Cookie")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookieAsBearer_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueSessionToken(GatewayHost.Identity()));

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal("token-type-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task MultiValuedClaim_IsSentAsOneCommaJoinedHeader()
    {
        var identity = GatewayHost.Identity() with { ExtraClaims = new Dictionary<string, object> { ["groups"] = new[] { "ops", "dev, eu", "100%" } } };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(identity));

        var echoed = await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));

        Assert.Equal(["ops,dev%2C eu,100%25"], echoed.Header("X-Forwarded-Groups"));
    }

    [Fact]
    public async Task AbsentClaim_SendsNoHeader()
    {
        var echoed = await SendAsync("/app/x", bearer: true);

        Assert.Empty(echoed.Header("X-Device-Id"));
        Assert.Empty(echoed.Header("X-Forwarded-Groups"));
    }

    [Fact]
    public async Task Assertion_IsSignedByGateway_ForTheRoutesCluster()
    {
        var echoed = await SendAsync("/app/x", bearer: true);

        var assertion = echoed.Header("X-Gateway-Assertion").Single();
        using var jwks = await Gateway.Client.GetAsync("/.well-known/jwks.json");
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await jwks.Content.ReadAsStringAsync());
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(assertion, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = Gateway.Options.Tokens.Issuer,
            ValidAudience = "backend",
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidTypes = ["gateway-assertion+jwt"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("alice", result.Claims["sub"]);
        var lifetime = ((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)result.SecurityToken).ValidTo - ((Microsoft.IdentityModel.JsonWebTokens.JsonWebToken)result.SecurityToken).IssuedAt;
        Assert.Equal(TimeSpan.FromMinutes(1), lifetime);
    }

    private async Task<EchoedRequest> SendAsync(string path, bool bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(GatewayHost.Identity()));
        }

        return await EchoedRequest.ReadAsync(await Gateway.Client.SendAsync(request));
    }
}

/// <summary>A configured identity-header map replaces the defaults, which are still scrubbed.</summary>
public sealed class CustomIdentityHeaderTests
{
    [Fact]
    public async Task ConfiguredMap_ReplacesDefaults_AndDefaultsAreStillScrubbed()
    {
        await using var gateway = await GatewayHost.StartAsync(config =>
            config["Gateway"]!["IdentityHeaders"] = new JsonObject { ["X-Remote-User"] = "sub", ["X-Remote-Name"] = "preferred_username" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.IssueAccessToken(GatewayHost.Identity("erin")));
        request.Headers.TryAddWithoutValidation("X-Forwarded-User", "spoofed");
        request.Headers.TryAddWithoutValidation("x_remote_user", "spoofed");

        var echoed = await EchoedRequest.ReadAsync(await gateway.Client.SendAsync(request));

        Assert.Equal(["erin"], echoed.Header("X-Remote-User"));
        Assert.Equal(["erin@example.com"], echoed.Header("X-Remote-Name"));
        Assert.Empty(echoed.Header("X-Forwarded-User"));
        Assert.Empty(echoed.Header("x_remote_user"));
    }
}
