using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Accounts;

/// <summary>What the account and admin pages stand on, without a browser: who gets the pages, and the QR drawing.</summary>
public sealed class PageEndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    [Fact]
    public async Task QrCode_IsSvgForAdministrators_AndBoundedInLength()
    {
        var admin = new AdminApi(Gateway);

        using var drawn = await admin.SendAsync(HttpMethod.Post, "/qr", new JsonObject { ["text"] = $"{Gateway.Address}.auth/enroll#{new string('A', 43)}" });
        using var tooLong = await admin.SendAsync(HttpMethod.Post, "/qr", new JsonObject { ["text"] = new string('A', 1025) });
        using var empty = await admin.SendAsync(HttpMethod.Post, "/qr", new JsonObject { ["text"] = "" });
        using var notAdmin = await Gateway.SendWithTokenAsync(HttpMethod.Post, "/.auth/admin/qr", Gateway.IssueAccessToken(GatewayHost.Identity("pleb")), new JsonObject { ["text"] = "x" });

        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        Assert.Equal("image/svg+xml", drawn.Content.Headers.ContentType?.MediaType);
        var svg = await drawn.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(tooLong)).Code);
        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(empty)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }

    [Fact]
    public async Task AccountPage_ForATokenWithoutAnAccount_IsAProblem_NotAPage()
    {
        using var response = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/.auth/account", Gateway.IssueAccessToken(GatewayHost.Identity("ghost")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("gateway-session-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Pages_AreNotCached_AndRunUnderTheStrictPolicy()
    {
        using var client = new PasskeyClient(Gateway);
        var token = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("page")), HttpStatusCode.Created);
        var admin = new AdminApi(Gateway);

        using var account = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/.auth/account", token);
        using var adminPage = await Gateway.SendWithTokenAsync(HttpMethod.Get, "/.auth/admin", admin.Token);

        foreach (var page in new[] { account, adminPage })
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
            Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

}
