using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Endpoints;

/// <summary>The gateway's own endpoints: keys, issuer metadata, identity, sign-out, health, problem pages.</summary>
public sealed class GatewayEndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task Jwks_PublishesPublicKeysOnly_WithRfc7638Kids()
    {
        var jwks = JsonNode.Parse(await Gateway.Client.GetStringAsync("/.well-known/jwks.json"))!;

        var key = Assert.Single(jwks["keys"]!.AsArray())!.AsObject();
        Assert.Equal(["kty", "crv", "x", "y", "kid", "alg", "use"], key.Select(p => p.Key));
        var canonical = $$"""{"crv":"{{key["crv"]}}","kty":"{{key["kty"]}}","x":"{{key["x"]}}","y":"{{key["y"]}}"}""";
        Assert.Equal(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), key["kid"]!.GetValue<string>());
        Assert.Equal("ES256", key["alg"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenIdConfiguration_PointsAtTheJwks()
    {
        var document = JsonNode.Parse(await Gateway.Client.GetStringAsync("/.well-known/openid-configuration"))!;

        Assert.Equal(Gateway.Options.Tokens.Issuer, document["issuer"]!.GetValue<string>());
        Assert.Equal($"http://localhost:{Gateway.Port}/.well-known/jwks.json", document["jwks_uri"]!.GetValue<string>());
        Assert.Equal(["ES256"], document["id_token_signing_alg_values_supported"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Me_WithoutIdentity_Is401()
    {
        using var response = await Gateway.Client.GetAsync("/.auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Me_WithToken_DescribesTheIdentity()
    {
        var identity = GatewayHost.Identity("frank") with { DeviceId = "dev-1" };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(identity));

        using var response = await Gateway.Client.SendAsync(request);

        var me = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("frank", me["user"]!["id"]!.GetValue<string>());
        Assert.Equal("frank@example.com", me["user"]!["username"]!.GetValue<string>());
        Assert.Equal("passkey", me["authMethod"]!.GetValue<string>());
        Assert.Equal(["hwk", "user", "mfa"], me["amr"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("dev-1", me["deviceId"]!.GetValue<string>());
        Assert.Equal(identity.AuthTime.ToUnixTimeSeconds(), me["authTime"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Logout_RevokesTheSession_CookieAndBearerAlike()
    {
        var identity = GatewayHost.Identity("grace");
        var session = Gateway.IssueSessionToken(identity);
        var bearer = Gateway.IssueAccessToken(identity);
        var cookie = $"{Gateway.Options.Session.CookieName}={session}";
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookie("/app/x", cookie));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/.auth/logout");
        logout.Headers.Add("Cookie", cookie);
        using var response = await Gateway.Client.SendAsync(logout);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(Gateway.Options.Session.CookieName + "=;", cleared, StringComparison.Ordinal);
        Assert.Contains("httponly", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookie("/app/x", cookie));
        using var withBearer = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        withBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var refused = await Gateway.Client.SendAsync(withBearer);
        Assert.Equal("session-revoked", (await ProblemResponse.ReadAsync(refused)).Code);
    }

    [Fact]
    public async Task Logout_FromAnHtmlForm_RedirectsToTheSignInPage()
    {
        using var response = await Gateway.Client.PostAsync("/.auth/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.auth/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RevokedSessionCookie_OnNavigation_RedirectsAndClearsTheCookie()
    {
        var identity = GatewayHost.Identity("heidi");
        var cookie = $"{Gateway.Options.Session.CookieName}={Gateway.IssueSessionToken(identity)}";
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/.auth/logout"))
        {
            logout.Headers.Add("Cookie", cookie);
            (await Gateway.Client.SendAsync(logout)).Dispose();
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/page");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/.auth/login?returnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith(Gateway.Options.Session.CookieName + "=;", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LivenessAndReadiness_AnswerJson()
    {
        var live = JsonNode.Parse(await Gateway.Client.GetStringAsync("/healthz"))!;
        var ready = JsonNode.Parse(await Gateway.Client.GetStringAsync("/readyz"))!;

        Assert.Equal("Healthy", live["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["status"]!.GetValue<string>());
        Assert.Equal("Healthy", ready["checks"]!["configuration"]!["status"]!.GetValue<string>());

        // This replica's own checks: on the embedded default the SQLite file is its own, so it counts.
        var local = JsonNode.Parse(await Gateway.Client.GetStringAsync("/readyz/local"))!;
        Assert.Equal(["configuration", "credential-store"], local["checks"]!.AsObject().Select(c => c.Key).Order());
    }

    [Theory]
    [InlineData("token-expired", HttpStatusCode.OK)]
    [InlineData("forbidden", HttpStatusCode.OK)]
    [InlineData("no-such-code", HttpStatusCode.NotFound)]
    public async Task ProblemTypePage_DescribesKnownCodes(string code, HttpStatusCode expected)
    {
        using var response = await Gateway.Client.GetAsync($"/.auth/problems/{code}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(code, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/app/orders", "/app/orders")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    public async Task LoginPage_KeepsOnlySameOriginReturnPaths(string returnUrl, string expected)
    {
        var html = await Gateway.Client.GetStringAsync($"/.auth/login?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Contains($"data-return-url=\"{expected}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_SendsAStrictContentSecurityPolicy()
    {
        using var response = await Gateway.Client.GetAsync("/.auth/login");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> StatusWithCookie(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await Gateway.Client.SendAsync(request);
        return response.StatusCode;
    }
}

/// <summary>Failures between the gateway and the backend become problem responses.</summary>
public sealed class UpstreamFailureTests
{
    [Fact]
    public async Task BackendDown_Gets502Problem()
    {
        var closedPort = FreePort.Next();
        await using var gateway = await GatewayHost.StartAsync(config =>
            config["ReverseProxy"]!["Clusters"]!["backend"]!["Destinations"]!["one"]!["Address"] = $"http://127.0.0.1:{closedPort}/");

        using var response = await gateway.Client.GetAsync("/public/x");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream-unavailable", (await ProblemResponse.ReadAsync(response)).Code);
    }
}

/// <summary><c>gateway token issue</c>, the real command, against a running gateway on the same configuration.</summary>
public sealed class TokenCommandTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task TokenIssue_MintsATokenTheGatewayAccepts_AndTheIdentityReachesTheBackend()
    {
        var gateway = fixture.Host;

        var (exitCode, output, error) = await GatewayProcess.RunAsync(
            "token", "issue", "--config", gateway.ConfigPath, "--sub", "alice", "--claim", "role=admin", "--claim", "groups=a", "--claim", "groups=b", "--lifetime", "00:02:00");

        Assert.True(exitCode == 0, error);
        var token = output.Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var echoed = await EchoedRequest.ReadAsync(await gateway.Client.SendAsync(request));
        Assert.Equal(["alice"], echoed.Header("X-Forwarded-User"));
        Assert.Equal(["a,b"], echoed.Header("X-Forwarded-Groups"));
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Assert.Equal(TimeSpan.FromMinutes(2), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task TokenIssue_RegisteredClaims_CannotBeOverridden()
    {
        var (exitCode, output, error) = await GatewayProcess.RunAsync("token", "issue", "--config", fixture.Host.ConfigPath, "--sub", "alice", "--claim", "iss=https://evil.example");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Contains("iss", error, StringComparison.Ordinal);
    }
}
