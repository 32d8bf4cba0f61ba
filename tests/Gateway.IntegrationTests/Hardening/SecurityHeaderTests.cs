using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// Every answer the gateway writes itself — pages, JSON, problems on its own endpoints and on proxied routes — can
/// be neither framed nor sniffed, sends no <c>Referer</c> and is kept by no cache; HSTS when the public origin is
/// https. A backend's own answers pass untouched.
/// </summary>
public sealed class SecurityHeaderTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Host => fixture.Host;

    public static TheoryData<string, string, string?> GatewayAnswers => new()
    {
        { "GET", "/.auth/login", null },
        { "GET", "/.auth/me", null },
        { "GET", "/.auth/problems/forbidden", null },
        { "POST", "/.auth/passkeys/authentication/options", "{}" },
        { "POST", "/.auth/passkeys/authentication", "{}" },
        { "GET", "/app/needs-a-session", null },
        { "GET", "/admin/needs-a-role", null },
        { "GET", "/.auth/nothing-here", null },
        { "GET", "/healthz", null },
    };

    [Theory]
    [MemberData(nameof(GatewayAnswers))]
    public async Task GatewayAnswer_CarriesTheSecurityHeaders(string method, string path, string? json)
    {
        using var response = await SendAsync(method, path, json, bearer: path.StartsWith("/admin", StringComparison.Ordinal) ? Host.IssueAccessToken(GatewayHost.Identity("no-role")) : null);

        Assert.Equal("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'", Single(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Equal("no-store", Single(response, "Cache-Control"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "no HSTS for an http public origin");
    }

    [Fact]
    public async Task SignInAnswer_IsNotCached()
    {
        using var client = new PasskeyClient(Host);
        using var answer = await client.RegisterAsync(UniqueName.For("headers"));

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal("no-store", Single(answer, "Cache-Control"));
        Assert.Equal("nosniff", Single(answer, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Assets_AreCacheable_ButNotSniffable()
    {
        using var response = await SendAsync("GET", "/.auth/assets/login.js", null);

        Assert.Equal("public, max-age=300", Single(response, "Cache-Control"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task BackendAnswer_PassesUntouched()
    {
        using var response = await SendAsync("GET", "/public/page", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task HttpsPublicOrigin_AddsHsts_ToPagesAndProblems()
    {
        await using var gateway = await GatewayHost.StartAsync(config =>
        {
            var port = new Uri(config["Gateway"]!["PublicOrigin"]!.GetValue<string>()).Port;
            config["Gateway"]!["PublicOrigin"] = $"https://localhost:{port}";
            config["Gateway"]!["Session"] = new JsonObject();
        });

        using var page = await gateway.Client.GetAsync("/.auth/login");
        using var problem = await gateway.Client.GetAsync("/app/x");
        using var backend = await gateway.Client.GetAsync("/public/x");

        Assert.Equal("max-age=31536000", Single(page, "Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Single(problem, "Strict-Transport-Security"));
        Assert.False(backend.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Host.Client.SendAsync(request);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.TryGetValues(name, out var content) ? content : []);
}
