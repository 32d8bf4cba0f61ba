using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// A real ingress with the config of <c>docs/forward-auth.md</c> asks the gateway about each request: browsers are
/// sent to sign in, allowed requests reach the application with the gateway's identity headers and never a client's
/// copy, forbidden ones stop at the ingress.
/// </summary>
public abstract class IngressForwardAuthTests(IngressFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task BrowserWithoutSession_IsSentToTheSignInPage_ServedThroughTheIngress()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/orders?id=7");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        // nginx makes the location absolute (absolute_redirect), on the ingress's own origin.
        var location = new Uri(fixture.Client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(fixture.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), location.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/.auth/login?returnUrl=%2Fapp%2Forders%3Fid%3D7", location.PathAndQuery);
        using var page = await Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiClientWithoutToken_Gets401WithTheBearerChallenge()
    {
        using var response = await Client.GetAsync("/app/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Allowed_ReachesTheApp_WithTheGatewaysIdentityHeaders_NeverTheClients()
    {
        var token = Gateway.IssueAccessToken(GatewayHost.Identity("ingress-alice") with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/report?q=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Spoof(request);

        using var response = await Client.SendAsync(request);

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal("/admin/report", echoed.Path);
        Assert.Equal(["ingress-alice"], echoed.Header("X-Forwarded-User"));
        Assert.Equal(["passkey"], echoed.Header("X-Auth-Method"));
        var assertion = Assert.Single(echoed.Header("X-Gateway-Assertion"));
        Assert.Equal("ingress-alice", Jwt.ReadPayload(assertion)["sub"]!.GetValue<string>());
        AssertNoSpoofedHeader(echoed);
    }

    [Fact]
    public async Task AnonymousRoute_ReachesTheApp_WithoutAnyIdentityHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/public/page");
        Spoof(request);

        using var response = await Client.SendAsync(request);

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Empty(echoed.Header("X-Forwarded-User"));
        Assert.Empty(echoed.Header("X-Gateway-Assertion"));
        AssertNoSpoofedHeader(echoed);
    }

    [Fact]
    public async Task Forbidden_StopsAtTheIngress()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/report");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(GatewayHost.Identity("ingress-bob")));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("\"path\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A client describing a public path itself, in either family, is not believed: the real path decides.</summary>
    [Fact]
    public async Task ClientsOwnDescription_OfAPublicPath_DoesNotOpenAPrivateOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/report");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(GatewayHost.Identity("ingress-carol")));
        request.Headers.TryAddWithoutValidation("X-Original-URI", "/public/page");
        request.Headers.TryAddWithoutValidation("X-Original-Method", "GET");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Uri", "/public/page");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Method", "GET");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_IsAllowed_AndACrossSitePostWithIt_IsRefused()
    {
        var cookie = $"{Gateway.Options.Session.CookieName}={Gateway.IssueSessionToken(GatewayHost.Identity("ingress-dave"))}";
        using var get = new HttpRequestMessage(HttpMethod.Get, "/app/page");
        get.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/app/transfer") { Content = new StringContent("amount=100") };
        post.Headers.TryAddWithoutValidation("Cookie", cookie);
        post.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        post.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");

        using var allowed = await Client.SendAsync(get);
        using var refused = await Client.SendAsync(post);

        Assert.Equal(["ingress-dave"], (await EchoedRequest.ReadAsync(allowed)).Header("X-Forwarded-User"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task RevokedSession_IsRefused_AtTheNextRequest()
    {
        var identity = GatewayHost.Identity("ingress-erin");
        var token = Gateway.IssueAccessToken(identity);
        using var before = new HttpRequestMessage(HttpMethod.Get, "/app/page");
        before.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var allowed = await Client.SendAsync(before);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var now = DateTimeOffset.UtcNow;
        await Gateway.Services.GetRequiredService<IRevocationList>()
            .RevokeAsync(new Revocation(RevocationKind.Session, identity.SessionId, now, now.AddHours(1)), CancellationToken.None);
        using var after = new HttpRequestMessage(HttpMethod.Get, "/app/page");
        after.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var refused = await Client.SendAsync(after);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task VerifyEndpoint_AskedByAClientThroughTheIngress_DoesNotAllow()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/verify");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Uri", "/public/page");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Method", "GET");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", $"localhost:{fixture.Port}");

        using var response = await Client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The names a backend might trust, sent by the client in several spellings.</summary>
    private static void Spoof(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-Forwarded-User", "mallory");
        request.Headers.TryAddWithoutValidation("x-forwarded-user", "mallory2");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Email", "mallory@example.com");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Groups", "admins");
        request.Headers.TryAddWithoutValidation("X-Auth-Method", "passkey");
        request.Headers.TryAddWithoutValidation("X-Device-Id", "forged-device");
        request.Headers.TryAddWithoutValidation("X-Gateway-Assertion", "forged.assertion.value");
        request.Headers.TryAddWithoutValidation("X-Transaction-Credential", "forged");
        request.Headers.TryAddWithoutValidation("X-Proof-Of-Possession", "dpop");
        request.Headers.TryAddWithoutValidation("X-Auth-Request-User", "mallory");
    }

    private static void AssertNoSpoofedHeader(EchoedRequest echoed)
    {
        // Nothing but the gateway's values: no client copy, no ingress placeholder text.
        Assert.DoesNotContain(echoed.HeaderNames.SelectMany(echoed.Header), value => value.Contains("{http.", StringComparison.Ordinal));
        foreach (var name in (string[])["X-Forwarded-User", "X-Forwarded-Email", "X-Forwarded-Groups", "X-Auth-Method", "X-Device-Id", "X-Gateway-Assertion", "X-Transaction-Credential", "X-Proof-Of-Possession", "X-Auth-Request-User"])
        {
            Assert.DoesNotContain(echoed.Header(name), value =>
                value is "mallory" or "mallory2" or "mallory@example.com" or "admins" or "forged-device" or "forged.assertion.value" or "forged" or "dpop");
        }

        // X-Auth-Method "passkey" is the gateway's own value for the allowed request: check it is never sent twice.
        Assert.True(echoed.Header("X-Auth-Method").Count <= 1, echoed.ToString());
    }
}

/// <summary>nginx <c>auth_request</c> with the documented config.</summary>
public sealed class NginxForwardAuthTests(NginxFixture fixture) : IngressForwardAuthTests(fixture), IClassFixture<NginxFixture>;

/// <summary>Caddy <c>forward_auth</c> with the documented config.</summary>
public sealed class CaddyForwardAuthTests(CaddyFixture fixture) : IngressForwardAuthTests(fixture), IClassFixture<CaddyFixture>;
