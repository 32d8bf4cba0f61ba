using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Pages;

/// <summary>
/// <c>Gateway:Pages</c> on a running gateway: the title on every page, the logo served with the content type of its
/// extension, and the deployment's style sheet served and linked after the built-in one, so its rules win.
/// </summary>
public sealed class BrandingTests : IAsyncLifetime
{
    private readonly string _files = Directory.CreateTempSubdirectory("passkey-gateway-branding-").FullName;
    private GatewayHost _gateway = null!;

    public static TheoryData<string> PagePaths => ["/.auth/login", "/.auth/enroll", "/.auth/problems/forbidden"];

    public async ValueTask InitializeAsync()
    {
        var pages = await BrandFiles.WriteAsync(_files, "Acme <Intranet>");
        _gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["Pages"] = pages);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    [Theory]
    [MemberData(nameof(PagePaths))]
    public async Task EveryPage_ShowsTheTitleAndLogo_AndLinksTheCustomStylesheetAfterTheBuiltInOne(string path)
    {
        var html = await _gateway.Client.GetStringAsync(path);

        var builtIn = html.IndexOf("href=\"/.auth/assets/login.css\"", StringComparison.Ordinal);
        var custom = html.IndexOf("href=\"/.auth/assets/custom.css\"", StringComparison.Ordinal);
        Assert.True(builtIn > 0 && custom > builtIn, $"custom.css must be linked after login.css:{Environment.NewLine}{html}");
        Assert.Contains("<img class=\"logo\" src=\"/.auth/assets/logo\" alt=\"\">", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"brand-name\">Acme &lt;Intranet&gt;</span>", html, StringComparison.Ordinal);
        Assert.EndsWith(" · Acme <Intranet>", HtmlText.Of(html, "title"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logo_IsServedWithTheContentTypeOfItsExtension()
    {
        using var response = await _gateway.Client.GetAsync("/.auth/assets/logo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(BrandFiles.Svg, await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task CustomStylesheet_IsServedAsCss()
    {
        using var response = await _gateway.Client.GetAsync("/.auth/assets/custom.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(BrandFiles.Stylesheet, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutBranding_NoCustomStylesheetOrLogo_AndTheRelyingPartyNameIsShown()
    {
        await using var plain = await GatewayHost.StartAsync();

        var html = await plain.Client.GetStringAsync("/.auth/login");
        using var logo = await plain.Client.GetAsync("/.auth/assets/logo");
        using var css = await plain.Client.GetAsync("/.auth/assets/custom.css");

        Assert.DoesNotContain("custom.css", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal("Sign in to localhost", HtmlText.Of(html, "h1"));
        Assert.Equal(HttpStatusCode.NotFound, logo.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, css.StatusCode);
    }
}
