using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Cors;

/// <summary>
/// CORS on proxied routes (DESIGN.md §11.4): a route's <c>CorsPolicy</c> names a <c>Gateway:Cors</c> policy; its
/// preflights are answered by the gateway before authentication (never a sign-in redirect or a 401, which a browser
/// would report as a CORS failure), and the actual requests are still authenticated.
/// </summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Allowed = "https://spa.example.com";

    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(config =>
    {
        config["Gateway"]!["Cors"] = new JsonObject
        {
            ["spa"] = new JsonObject
            {
                ["Origins"] = new JsonArray(Allowed),
                ["Methods"] = new JsonArray("GET", "PUT"),
                ["Headers"] = new JsonArray("Authorization", "Content-Type"),
                ["AllowCredentials"] = true,
                ["MaxAge"] = "00:10:00",
            },
        };
        config["ReverseProxy"]!["Routes"]!["api"] = new JsonObject
        {
            ["ClusterId"] = "backend",
            ["CorsPolicy"] = "spa",
            ["Match"] = new JsonObject { ["Path"] = "/api/{**rest}" },
        };
    });

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsAnsweredWithoutCredentials()
    {
        using var response = await PreflightAsync("/api/items", Allowed, "PUT", "authorization, content-type");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([Allowed], response.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal(["true"], response.Headers.GetValues("Access-Control-Allow-Credentials"));
        Assert.Equal(["600"], response.Headers.GetValues("Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("Location"));
    }

    [Fact]
    public async Task Preflight_FromAnotherOrigin_GrantsNothing()
    {
        using var response = await PreflightAsync("/api/items", "https://evil.example", "GET", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ForAMethodThePolicyLacks_DoesNotAllowIt()
    {
        using var response = await PreflightAsync("/api/items", Allowed, "DELETE", null);

        var allowed = response.Headers.TryGetValues("Access-Control-Allow-Methods", out var methods) ? string.Join(",", methods) : "";
        Assert.DoesNotContain("DELETE", allowed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ActualRequest_IsStillAuthenticated_AndCarriesTheCorsHeadersWhenAllowed()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/items") { Headers = { { "Origin", Allowed } } };
        using var refused = await _gateway.Client.SendAsync(anonymous);
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/api/items") { Headers = { { "Origin", Allowed } } };
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _gateway.IssueAccessToken(GatewayHost.Identity()));
        using var allowed = await _gateway.Client.SendAsync(signedIn);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal([Allowed], allowed.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal("/api/items", (await EchoedRequest.ReadAsync(allowed)).Path);
    }

    [Fact]
    public async Task Preflight_OnARouteWithoutAPolicy_IsNotAnswered_ItIsAuthenticatedLikeAnyRequest()
    {
        using var response = await PreflightAsync("/default-policy/items", Allowed, "GET", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task GatewayEndpoints_NeverGetARoutesPolicy()
    {
        using var response = await PreflightAsync("/.auth/me", Allowed, "GET", null);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string? headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await _gateway.Client.SendAsync(request);
    }
}
