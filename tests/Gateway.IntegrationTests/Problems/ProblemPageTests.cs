using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Problems;

/// <summary>
/// What a browser sees when a page is refused: the same status as an API client, but a page in words (title, why,
/// the way on) instead of problem+json, under the same security headers; every other client keeps problem+json.
/// </summary>
public sealed class ProblemPageTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(config =>
    {
        // A route whose cluster has no destination: YARP answers 503, as with every destination unhealthy.
        config["ReverseProxy"]!["Routes"]!.AsObject()["down"] = new JsonObject
        {
            ["ClusterId"] = "empty",
            ["Match"] = new JsonObject { ["Path"] = "/down/{**rest}" },
            ["AuthorizationPolicy"] = "anonymous",
        };
        config["ReverseProxy"]!["Clusters"]!.AsObject()["empty"] = new JsonObject { ["Destinations"] = new JsonObject() };
    });

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Forbidden_BrowserNavigation_GetsThePageInWords_WithSignInAsSomeoneElse()
    {
        using var response = await SendAsync(HttpMethod.Get, "/admin/reports?year=2026", "text/html,application/xhtml+xml", NonAdminCookie());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("You don't have access to this page", HtmlText.Of(html, "h1"));
        Assert.Contains("<li data-reason=\"role-missing\">A role your account does not have.</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/.auth/login?returnUrl=%2Fadmin%2Freports%3Fyear%3D2026\"", html, StringComparison.Ordinal);
        Assert.Contains("You are signed in as", html, StringComparison.Ordinal);
        AssertGatewayHeaders(response);
    }

    [Fact]
    public async Task Forbidden_ApiClient_KeepsProblemJsonWithReasons()
    {
        using var response = await SendAsync(HttpMethod.Get, "/admin/reports", "application/json", NonAdminCookie());

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal("forbidden", problem.Code);
        Assert.Equal(["role-missing"], problem.Body["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
        AssertGatewayHeaders(response);
    }

    [Fact]
    public async Task Forbidden_BrowserPost_IsNoNavigation_AndKeepsProblemJson()
    {
        using var response = await SendAsync(HttpMethod.Post, "/admin/reports", "text/html", NonAdminCookie(), sameOrigin: true);

        Assert.Equal("forbidden", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Forbidden_HeadNavigation_GetsTheHtmlTypeWithoutABody()
    {
        using var response = await SendAsync(HttpMethod.Head, "/admin/reports", "text/html", NonAdminCookie());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unavailable_BrowserNavigation_GetsThePageWithTryAgain()
    {
        using var response = await SendAsync(HttpMethod.Get, "/down/status", "text/html", cookie: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("This service is unavailable", HtmlText.Of(html, "h1"));
        Assert.Contains("id=\"try-again\" class=\"button\" href=\"/down/status\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in as someone else", html, StringComparison.Ordinal);
        AssertGatewayHeaders(response);
    }

    [Fact]
    public async Task Unavailable_ApiClient_KeepsProblemJson()
    {
        using var response = await SendAsync(HttpMethod.Get, "/down/status", "application/json", cookie: null);

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, problem.Status);
        Assert.Equal("no-healthy-destination", problem.Code);
    }

    [Theory]
    [InlineData("forbidden", "You don't have access to this page")]
    [InlineData("rate-limited", "Too many attempts")]
    [InlineData("credential-store-unavailable", "Accounts are unavailable for a moment")]
    [InlineData("not-found", "This page does not exist")]
    [InlineData("token-malformed", "Please sign in")]
    public async Task ProblemTypePage_IsTitledInWords_NotWithTheCode(string code, string title)
    {
        var html = await _gateway.Client.GetStringAsync($"/.auth/problems/{code}");

        Assert.Equal(title, HtmlText.Of(html, "h1"));
        Assert.Equal($"{title} · localhost", HtmlText.Of(html, "title"));
        Assert.Contains($"Problem code: {code}", html, StringComparison.Ordinal);
        Assert.Contains("/.auth/assets/login.css", html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string accept, string? cookie, bool sameOrigin = false)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(accept);

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (sameOrigin)
        {
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await _gateway.Client.SendAsync(request);
    }

    private string NonAdminCookie() => $"{_gateway.Options.Session.CookieName}={_gateway.IssueSessionToken(GatewayHost.Identity("eve-" + Guid.NewGuid().ToString("N")[..6]))}";

    private static void AssertGatewayHeaders(HttpResponseMessage response)
    {
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
