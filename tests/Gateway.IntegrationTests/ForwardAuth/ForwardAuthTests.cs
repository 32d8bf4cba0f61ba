using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Authorization;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.ForwardAuth;

/// <summary>
/// <c>/.auth/verify</c> (DESIGN.md §11.4, §11.6): the proxy's description is read from one header family, believed
/// only from a trusted proxy, and decided as the gateway decides the same request when it proxies it.
/// </summary>
public sealed class ForwardAuthTests(ForwardAuthFixture fixture) : IClassFixture<ForwardAuthFixture>
{
    private GatewayHost Server => fixture.Host;

    private string Host => $"localhost:{Server.Port}";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // family, method, path, caller (see Caller)
        { "traefik", "GET", "/public/page", "anonymous" },
        { "traefik", "GET", "/app/page?id=7&x=%C3%A9", "anonymous" },
        { "traefik", "GET", "/app/orders?id=7", "anonymous-browser" },
        { "nginx", "GET", "/app/orders?id=7", "anonymous-browser" },
        { "envoy", "GET", "/app/orders?id=7", "anonymous-browser" },
        { "traefik", "GET", "/app/page", "plain" },
        { "nginx", "HEAD", "/app/page", "plain" },
        { "traefik", "GET", "/admin/page", "plain" },
        { "nginx", "GET", "/admin/page", "admin" },
        { "envoy", "GET", "/admin/page", "admin" },
        { "traefik", "DELETE", "/admin/page", "plain" },
        { "traefik", "GET", "/known-device/page", "plain" },
        { "traefik", "GET", "/fresh/page", "stale" },
        { "traefik", "GET", "/passkey-only/page", "biometric" },
        { "nginx", "GET", "/fresh/page", "stale" },
        { "traefik", "GET", "/fresh/page", "stale-cookie" },
        { "traefik", "GET", "/fresh/page?id=7", "stale-browser" },
        { "nginx", "GET", "/fresh/page?id=7", "stale-browser" },
        { "envoy", "GET", "/fresh/page", "stale-browser" },
        { "traefik", "GET", "/passkey-only/page", "biometric-browser" },
        { "traefik", "GET", "/biometric-fresh/page", "stale-biometric" },
        { "traefik", "GET", "/biometric-fresh/page", "stale-biometric-browser" },
        { "nginx", "GET", "/app/page", "expired" },
        { "traefik", "GET", "/app/page", "revoked" },
        { "traefik", "GET", "/app/page", "two-authorizations" },
        { "traefik", "POST", "/app/form", "cookie-cross-site" },
        { "nginx", "POST", "/app/form", "cookie-same-origin" },
        { "traefik", "POST", "/app/form", "bearer-cross-site" },
        { "traefik", "GET", "/app/a;b", "plain" },
        { "envoy", "GET", "/app/a;b", "plain" },
        { "traefik", "GET", "/app/%252e%252e/admin", "plain" },
        { "traefik", "GET", "/legacy/a;b", "plain" },
        { "traefik", "OPTIONS", "/api/items", "preflight" },
        { "traefik", "GET", "/api/items", "anonymous" },
    };

    /// <summary>
    /// The same request, proxied by the gateway and described to <c>/.auth/verify</c>, gets the same decision: 200
    /// (a preflight's 204) or 200, a redirect to sign-in (a step-up's with <c>maxAge</c>) or 401 with that
    /// <c>Location</c>, and otherwise the same status, problem code and <c>WWW-Authenticate</c> challenge.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_DecidesAsTheProxyPathDoes(string family, string method, string path, string caller)
    {
        var headers = await Caller.HeadersAsync(Server, caller);
        using var proxied = new HttpRequestMessage(new HttpMethod(method), path);
        Caller.AddTo(proxied, headers);
        var described = Describe(family, method, path) with { ClientHeaders = headers };

        using var proxiedResponse = await Server.Client.SendAsync(proxied);
        using var verifyResponse = await Server.Client.SendAsync(described.ToMessage());

        switch (proxiedResponse.StatusCode)
        {
            case HttpStatusCode.OK or HttpStatusCode.NoContent:
                Assert.Equal(HttpStatusCode.OK, verifyResponse.StatusCode);
                break;
            case HttpStatusCode.Found:
                Assert.Equal(HttpStatusCode.Unauthorized, verifyResponse.StatusCode);
                Assert.Equal(proxiedResponse.Headers.Location, verifyResponse.Headers.Location);
                // Envoy's form has no query of its own to ask for a redirect with: the query is the described one.
                if (family == "envoy")
                {
                    break;
                }

                using (var redirected = await Server.Client.SendAsync((described with { AskRedirect = true }).ToMessage()))
                {
                    Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
                    Assert.Equal(proxiedResponse.Headers.Location, redirected.Headers.Location);
                }

                break;
            default:
                Assert.Equal(proxiedResponse.StatusCode, verifyResponse.StatusCode);

                // A browser navigation refused 403 gets the problem page from both, in place of problem+json.
                Assert.Equal(proxiedResponse.Content.Headers.ContentType?.MediaType, verifyResponse.Content.Headers.ContentType?.MediaType);
                if (method != "HEAD" && proxiedResponse.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    var expected = await ProblemResponse.ReadAsync(proxiedResponse);
                    var actual = await ProblemResponse.ReadAsync(verifyResponse);
                    Assert.Equal(expected.Code, actual.Code);
                    Assert.Equal(expected.Body["reasons"]?.ToJsonString(), actual.Body["reasons"]?.ToJsonString());
                }

                Assert.Equal(proxiedResponse.Headers.WwwAuthenticate.ToString(), verifyResponse.Headers.WwwAuthenticate.ToString());

                break;
        }

        Assert.Equal("no-store", verifyResponse.Headers.CacheControl?.ToString());
        Assert.False(verifyResponse.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Allowed_AnswersTheIdentityHeadersAndTheAssertion()
    {
        var token = Server.IssueAccessToken(GatewayHost.Identity("fwd-alice") with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } });

        using var response = await Server.Client.SendAsync((ForwardedRequest.Traefik("GET", "/admin/page", Host) with { Token = token }).ToMessage());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fwd-alice", response.Headers.GetValues("X-Forwarded-User").Single());
        Assert.Equal("passkey", response.Headers.GetValues("X-Auth-Method").Single());
        var assertion = Jwt.ReadPayload(response.Headers.GetValues("X-Gateway-Assertion").Single());
        Assert.Equal("backend", assertion["aud"]!.GetValue<string>());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnonymousRoute_WithoutIdentity_AnswersNoIdentityHeaders()
    {
        using var response = await Server.Client.SendAsync(ForwardedRequest.Traefik("GET", "/public/page", Host).ToMessage());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Forwarded-User"));
    }

    [Fact]
    public async Task Unauthenticated_Answers401WithBearerChallengeAndSignInLocation()
    {
        using var response = await Server.Client.SendAsync(ForwardedRequest.Nginx("GET", "/app/orders?id=7", Host).ToMessage());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("/.auth/login?returnUrl=%2Fapp%2Forders%3Fid%3D7", response.Headers.Location!.OriginalString);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task StepUp_Answers401WithTheChallengeAndTheSignInPageAskingForAPasskey_Or302WhenAsked()
    {
        var session = Server.IssueSessionToken(GatewayHost.Identity("fwd-stale") with { AuthTime = DateTimeOffset.UtcNow.AddMinutes(-6) });
        var cookie = $"{Server.Options.Session.CookieName}={session}";
        var nginx = ForwardedRequest.Nginx("GET", "/fresh/orders?id=7", Host) with { Cookie = cookie, Accept = "text/html" };
        var traefik = ForwardedRequest.Traefik("GET", "/fresh/orders?id=7", Host) with { Cookie = cookie, Accept = "text/html", AskRedirect = true };

        using var response = await Server.Client.SendAsync(nginx.ToMessage());
        using var redirected = await Server.Client.SendAsync(traefik.ToMessage());

        const string signIn = "/.auth/login?returnUrl=%2Ffresh%2Forders%3Fid%3D7&maxAge=300";
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent sign-in is required.\", max_age=300",
            Assert.Single(response.Headers.NonValidated["WWW-Authenticate"]));
        Assert.Equal(signIn, response.Headers.Location!.OriginalString);
        Assert.Equal("reauthentication-required", (await ProblemResponse.ReadAsync(response)).Code);
        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
        Assert.Equal(signIn, redirected.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task RedirectAsked_ForAnApiCall_Stays401()
    {
        var request = ForwardedRequest.Traefik("GET", "/app/orders", Host) with { Accept = "application/json", AskRedirect = true };

        using var response = await Server.Client.SendAsync(request.ToMessage());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredCookie_IsAnswered401_WithoutDeletingTheCookie()
    {
        var expired = Server.IssueSessionToken(GatewayHost.Identity() with { AuthTime = DateTimeOffset.UtcNow.AddDays(-30) });
        var request = ForwardedRequest.Traefik("GET", "/app/page", Host) with { Cookie = $"{Server.Options.Session.CookieName}={expired}" };

        using var response = await Server.Client.SendAsync(request.ToMessage());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    public static TheoryData<string, string> BadDescriptions => new()
    {
        { "missing-uri", "forwarded-request-invalid" },
        { "missing-method", "forwarded-request-invalid" },
        { "missing-host", "forwarded-request-invalid" },
        { "two-uris", "forwarded-request-invalid" },
        { "two-hosts", "forwarded-request-invalid" },
        { "host-list", "forwarded-request-invalid" },
        { "nginx-with-client-forwarded-uri", "forwarded-request-invalid" },
        { "traefik-with-client-original-uri", "forwarded-request-invalid" },
        { "original-method-alone", "forwarded-request-invalid" },
        { "envoy-with-forwarded-uri", "forwarded-request-invalid" },
        { "absolute-uri", "forwarded-request-invalid" },
        { "scheme-relative-uri", "path-ambiguous" },
        { "fragment", "forwarded-request-invalid" },
        { "space", "forwarded-request-invalid" },
        { "method-with-space", "forwarded-request-invalid" },
        { "dot-dot", "path-ambiguous" },
        { "encoded-dot-dot", "path-ambiguous" },
        { "encoded-slash", "path-ambiguous" },
        { "dot-dot-on-opted-out-route", "path-ambiguous" },
        { "backslash", "path-ambiguous" },
        { "other-host", "host-not-served" },
        { "gateway-path", "no-route" },
    };

    /// <summary>A description that is missing, duplicated, mixed or ambiguous is refused, never answered 200.</summary>
    [Theory]
    [MemberData(nameof(BadDescriptions))]
    public async Task BadDescription_IsRefused_EvenForAnAdmin(string kind, string code)
    {
        var admin = Server.IssueAccessToken(GatewayHost.Identity() with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } });
        var message = BadDescription(kind, admin);

        using var response = await Server.Client.SendAsync(message);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task UntrustedProxy_IsRefused_WhateverItDescribes()
    {
        await using var gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["TrustedProxies"] = new JsonArray("10.0.0.0/8"));
        var request = ForwardedRequest.Traefik("GET", "/public/page", $"localhost:{gateway.Port}");
        using var message = request.ToMessage();
        message.Headers.Remove("X-Forwarded-For");

        // A trusted address written into X-Forwarded-For by the caller does not make it a trusted proxy.
        message.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.1.2.3");
        using var response = await gateway.Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("untrusted-proxy", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task NoTrustedProxies_RefusesEveryone()
    {
        using var response = await fixture.Host.CreateClient().SendAsync(ForwardedRequest.Traefik("GET", "/public/page", Host).ToMessage());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var gateway = await GatewayHost.StartAsync();
        using var refused = await gateway.Client.SendAsync(ForwardedRequest.Traefik("GET", "/public/page", $"localhost:{gateway.Port}").ToMessage());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("untrusted-proxy", (await ProblemResponse.ReadAsync(refused)).Code);
    }

    [Fact]
    public async Task WebSocketWithCookie_WithoutAllowedOrigin_IsRefused()
    {
        var cookie = $"{Server.Options.Session.CookieName}={Server.IssueSessionToken(GatewayHost.Identity())}";
        var headers = new List<(string, string)> { ("Upgrade", "websocket") };
        var withoutOrigin = ForwardedRequest.Nginx("GET", "/app/socket", Host) with { Cookie = cookie, ClientHeaders = headers };
        var sameOrigin = withoutOrigin with { ClientHeaders = [.. headers, ("Origin", $"http://{Host}")] };

        using var refused = await Server.Client.SendAsync(withoutOrigin.ToMessage());
        using var allowed = await Server.Client.SendAsync(sameOrigin.ToMessage());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("origin-mismatch", (await ProblemResponse.ReadAsync(refused)).Code);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Verify_IsNotRateLimited_AndAnswersEveryMethod()
    {
        foreach (var method in (string[])["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        {
            using var message = new HttpRequestMessage(new HttpMethod(method), "/.auth/verify");
            message.Headers.TryAddWithoutValidation("X-Forwarded-Method", "GET");
            message.Headers.TryAddWithoutValidation("X-Forwarded-Host", Host);
            message.Headers.TryAddWithoutValidation("X-Forwarded-Uri", "/public/x");
            using var response = await Server.Client.SendAsync(message);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private ForwardedRequest Describe(string family, string method, string path) => family switch
    {
        "nginx" => ForwardedRequest.Nginx(method, path, Host),
        "envoy" => ForwardedRequest.Envoy(method, path, Host),
        _ => ForwardedRequest.Traefik(method, path, Host),
    };

    private HttpRequestMessage BadDescription(string kind, string token)
    {
        ForwardedRequest Traefik(string uri) => ForwardedRequest.Traefik("GET", uri, Host) with { Token = token };
        HttpRequestMessage Without(ForwardedRequest request, string header)
        {
            var message = request.ToMessage();
            message.Headers.Remove(header);
            return message;
        }

        HttpRequestMessage With(ForwardedRequest request, string header, string value)
        {
            var message = request.ToMessage();
            message.Headers.TryAddWithoutValidation(header, value);
            return message;
        }

        return kind switch
        {
            "missing-uri" => Without(Traefik("/admin/x"), "X-Forwarded-Uri"),
            "missing-method" => Without(Traefik("/admin/x"), "X-Forwarded-Method"),
            "missing-host" => Without(Traefik("/admin/x"), "X-Forwarded-Host"),
            "two-uris" => With(Traefik("/admin/x"), "X-Forwarded-Uri", "/public/x"),
            "two-hosts" => With(Traefik("/admin/x"), "X-Forwarded-Host", "evil.example"),
            "host-list" => (ForwardedRequest.Traefik("GET", "/admin/x", $"{Host}, evil.example") with { Token = token }).ToMessage(),
            "nginx-with-client-forwarded-uri" => With(ForwardedRequest.Nginx("GET", "/public/x", Host) with { Token = token }, "X-Forwarded-Uri", "/admin/x"),
            "traefik-with-client-original-uri" => With(Traefik("/admin/x"), "X-Original-URI", "/public/x"),
            "original-method-alone" => With(Traefik("/admin/x"), "X-Original-Method", "GET"),
            "envoy-with-forwarded-uri" => With(ForwardedRequest.Envoy("GET", "/admin/x", Host) with { Token = token }, "X-Forwarded-Uri", "/public/x"),
            "absolute-uri" => Traefik($"http://{Host}/admin/x").ToMessage(),
            "scheme-relative-uri" => Traefik("//evil.example/admin/x").ToMessage(),
            "fragment" => Traefik("/admin/x#frag").ToMessage(),
            "space" => Traefik("/admin/x y").ToMessage(),
            "method-with-space" => (ForwardedRequest.Traefik("GET X", "/admin/x", Host) with { Token = token }).ToMessage(),
            "dot-dot" => Traefik("/public/../admin/x").ToMessage(),
            "encoded-dot-dot" => Traefik("/public/%2e%2E/admin/x").ToMessage(),
            "encoded-slash" => Traefik("/public/..%2Fadmin/x").ToMessage(),
            "dot-dot-on-opted-out-route" => Traefik("/legacy/../admin/x").ToMessage(),
            "backslash" => Traefik("/public/..\\admin/x").ToMessage(),
            "other-host" => (ForwardedRequest.Traefik("GET", "/admin/x", "evil.example") with { Token = token }).ToMessage(),
            "gateway-path" => Traefik("/.auth/me").ToMessage(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
