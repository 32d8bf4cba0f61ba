using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>A gateway with one proxied route whose backend defends itself against cross-site requests.</summary>
public sealed class CsrfGatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await GatewayHost.StartAsync(config =>
    {
        var route = TestConfig.Route("/own-csrf/{**rest}", null);
        route["Metadata"] = new JsonObject { ["Gateway.CsrfCheck"] = "off" };
        config["ReverseProxy"]!["Routes"]!["own-csrf"] = route;
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Cross-site request forgery: an unsafe request that another site's page makes a browser send with the user's
/// session cookie is refused 403 <c>csrf-origin-mismatch</c> — Fetch Metadata first, then <c>Origin</c> — on the
/// gateway's own endpoints (sign-out, self-service, sign-in finishes) and on proxied routes. A sibling subdomain
/// (<c>same-site</c>) is another site here: SameSite=Lax cookies reach it, so its pages must not act for the user.
/// </summary>
public sealed class CsrfTests(CsrfGatewayFixture fixture) : IClassFixture<CsrfGatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private string Origin => Gateway.Options.PublicOrigin!.GetLeftPart(UriPartial.Authority);

    /// <summary>What a browser sends: Sec-Fetch-Site when it supports Fetch Metadata, Origin otherwise (or both).</summary>
    public static TheoryData<string?, string?> CrossSiteSenders => new()
    {
        { "cross-site", null },
        { "same-site", null },
        { "cross-site", "https://evil.example" },
        { "same-site", "http://localhost.sub.example" },
        { "unknown-value", null },
        { null, "https://evil.example" },
        { null, "null" },
        { null, "http://localhost" },
    };

    public static TheoryData<string?, string?> SameOriginSenders() => new()
    {
        { "same-origin", null },
        { "none", null },
        { "same-origin", "null" },
        { null, null },
    };

    [Theory]
    [MemberData(nameof(CrossSiteSenders))]
    public async Task Logout_FromAnotherSite_IsRefused_AndTheSessionLives(string? fetchSite, string? origin)
    {
        var cookie = SessionCookie("csrf-victim");

        using var logout = await SendAsync(HttpMethod.Post, "/.auth/logout", cookie, fetchSite, origin);
        using var me = await SendAsync(HttpMethod.Get, "/.auth/me", cookie, fetchSite: null, origin: null);

        Assert.Equal(HttpStatusCode.Forbidden, logout.StatusCode);
        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(logout)).Code);
        Assert.DoesNotContain(logout.Headers, h => h.Key == "Set-Cookie");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory]
    [MemberData(nameof(SameOriginSenders))]
    public async Task Logout_FromTheGatewaysOwnPage_OrANativeApp_EndsTheSession(string? fetchSite, string? origin)
    {
        // "same-origin" with Origin: null is a same-origin form post under Referrer-Policy: no-referrer.
        var cookie = SessionCookie("csrf-self");

        using var logout = await SendAsync(HttpMethod.Post, "/.auth/logout", cookie, fetchSite, origin);
        using var me = await SendAsync(HttpMethod.Get, "/.auth/me", cookie, fetchSite: null, origin: null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Logout_FromTheRelyingPartyOrigin_WithoutFetchMetadata_Passes()
    {
        using var logout = await SendAsync(HttpMethod.Post, "/.auth/logout", SessionCookie("csrf-origin"), fetchSite: null, Origin);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/.auth/passkeys/authentication")]
    [InlineData("POST", "/.auth/passkeys/registration/options")]
    [InlineData("POST", "/.auth/devices/binding/options")]
    [InlineData("DELETE", "/.auth/account/credentials/abc")]
    [InlineData("PATCH", "/.auth/account/credentials/abc")]
    public async Task GatewayEndpoints_UnsafeCrossSiteRequests_AreRefused_EvenWithoutACookie(string method, string path)
    {
        // Without a cookie too: a forged sign-in finish would sign the victim into the attacker's account (login CSRF).
        using var withCookie = await SendAsync(new HttpMethod(method), path, SessionCookie("csrf-endpoints"), "cross-site", null, "{}");
        using var withoutCookie = await SendAsync(new HttpMethod(method), path, cookie: null, fetchSite: null, origin: "https://evil.example", json: "{}");

        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(withCookie)).Code);
        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(withoutCookie)).Code);
    }

    [Fact]
    public async Task GatewayEndpoint_BearerWithoutCookie_IsExempt()
    {
        // A page cannot make a browser attach another site's Authorization header: no ambient credential, no CSRF.
        var token = Gateway.IssueAccessToken(GatewayHost.Identity("csrf-bearer"));

        using var logout = await SendAsync(HttpMethod.Post, "/.auth/logout", cookie: null, "cross-site", "https://evil.example", bearer: token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
    }

    [Fact]
    public async Task GatewayEndpoint_BearerWithTheCookieToo_IsChecked()
    {
        var token = Gateway.IssueAccessToken(GatewayHost.Identity("csrf-both"));

        using var logout = await SendAsync(HttpMethod.Post, "/.auth/logout", SessionCookie("csrf-both"), "cross-site", null, bearer: token);

        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(logout)).Code);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task ProxiedRoute_CookieAuthenticatedCrossSiteRequest_NeverReachesTheBackend(string method)
    {
        using var response = await SendAsync(new HttpMethod(method), "/app/transfer", SessionCookie("csrf-proxied"), "cross-site", "https://evil.example", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ProxiedRoute_SameOriginRequestWithTheCookie_IsForwarded()
    {
        using var response = await SendAsync(HttpMethod.Post, "/app/transfer", SessionCookie("csrf-same"), "same-origin", Origin, "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/app/transfer", (await EchoedRequest.ReadAsync(response)).Path);
    }

    [Fact]
    public async Task ProxiedRoute_WithoutTheGatewayCookie_IsNotTheGatewaysToJudge()
    {
        // Nothing of the user's rides along: an anonymous route's cross-site form post is the backend's business.
        using var response = await SendAsync(HttpMethod.Post, "/public/comment", cookie: null, "cross-site", "https://evil.example", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProxiedRoute_AnonymousRouteWithTheCookie_IsChecked()
    {
        // The cookie makes the gateway send the user's identity headers even on an anonymous route.
        using var response = await SendAsync(HttpMethod.Post, "/public/comment", SessionCookie("csrf-anon"), "cross-site", null, "{}");

        Assert.Equal("csrf-origin-mismatch", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ProxiedRoute_ThatOptsOut_IsForwarded()
    {
        using var response = await SendAsync(HttpMethod.Post, "/own-csrf/transfer", SessionCookie("csrf-optout"), "cross-site", "https://evil.example", "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SafeMethods_FromAnotherSite_PassAsUsual()
    {
        using var response = await SendAsync(HttpMethod.Get, "/app/page", SessionCookie("csrf-get"), "cross-site", "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authorization_WhenPresent_AloneAuthenticates_NeverFallingBackToTheCookie()
    {
        var cookie = SessionCookie("csrf-basic");

        using var basic = await SendAsync(HttpMethod.Get, "/app/page", cookie, null, null, authorization: "Basic YWxpY2U6c2VjcmV0");
        using var badBearer = await SendAsync(HttpMethod.Get, "/app/page", cookie, null, null, bearer: "not-a-token");
        using var cookieAlone = await SendAsync(HttpMethod.Get, "/app/page", cookie, null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, basic.StatusCode);
        Assert.Equal("authorization-scheme-unsupported", (await ProblemResponse.ReadAsync(basic)).Code);
        Assert.Equal("Bearer", basic.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, badBearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookieAlone.StatusCode);
    }

    private string SessionCookie(string user) =>
        $"{Gateway.Options.Session.CookieName}={Gateway.IssueSessionToken(GatewayHost.Identity(user + "-" + Guid.NewGuid().ToString("N")[..6]))}";

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        string? cookie,
        string? fetchSite,
        string? origin,
        string? json = null,
        string? bearer = null,
        string? authorization = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        if (fetchSite is not null)
        {
            request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Gateway.Client.SendAsync(request);
    }
}
