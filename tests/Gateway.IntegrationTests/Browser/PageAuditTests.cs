using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.IntegrationTests.Pages;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// The sign-in, enrollment and problem pages in a real Chromium, branded with a title, a logo and a style sheet, each
/// held to <see cref="PageAudit"/>: axe-core, no horizontal overflow at 360 px, a visible focus ring, and screenshots
/// at 1280 and 360 px in light and dark under test-artifacts/screenshots/.
/// </summary>
public sealed class PageAuditTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly string _files = Directory.CreateTempSubdirectory("passkey-gateway-audit-").FullName;
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync()
    {
        var pages = await BrandFiles.WriteAsync(_files, "Acme Intranet");
        _gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["Pages"] = pages, bindLocalhost: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_files, recursive: true);
    }

    [Fact]
    public async Task SignInPage_PassesTheAudit_WithTheBrandingApplied()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);

        await page.GotoAsync($"{Origin}/.auth/login");
        await watch.ArrivesAtAsync($"{Origin}/.auth/login");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to Acme Intranet"));
        Assert.True(await page.EvaluateAsync<bool>("document.querySelector('header.brand .logo').naturalWidth > 0"), "The logo did not load.");
        Assert.Equal("rgb(1, 2, 3)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('header.brand')).borderBottomColor"));
        await PageAudit.RunAsync(page, "signin");
    }

    [Fact]
    public async Task EnrollPage_WithoutItsLink_SaysSoInWordsFromThePageText_AndPassesTheAudit()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);

        await page.GotoAsync($"{Origin}/.auth/enroll");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("This link cannot be used"));
        Assert.True(await page.Locator("#enroll-button").IsDisabledAsync());
        await PageAudit.RunAsync(page, "enroll");
    }

    [Fact]
    public async Task ForbiddenPage_ForASignedInNonAdmin_OffersSignInAsSomeoneElse_AndPassesTheAudit()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var token = _gateway.IssueSessionToken(GatewayHost.Identity("eve-browser"));
        await context.AddCookiesAsync([new Cookie { Name = _gateway.Options.Session.CookieName, Value = token, Domain = "localhost", Path = "/", HttpOnly = true }]);
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);

        var response = await page.GotoAsync($"{Origin}/admin/settings");

        Assert.Equal(403, response!.Status);
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You don't have access to this page"));
        await PageAudit.RunAsync(page, "problem-forbidden");
        await page.ClickAsync("#sign-in");
        await watch.ArrivesAtAsync($"{Origin}/.auth/login?returnUrl=%2Fadmin%2Fsettings");
    }

    [Fact]
    public async Task ProblemTypePage_PassesTheAudit()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);

        await page.GotoAsync($"{Origin}/.auth/problems/rate-limited");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Too many attempts"));
        await PageAudit.RunAsync(page, "problem-rate-limited");
    }
}
