using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// Invitation end to end in a real Chromium with a virtual authenticator (DESIGN.md §11.1): an administrator creates
/// an account with <c>gateway user add</c>, the printed link opens in a fresh browser, the person enrolls a passkey
/// and lands signed in with their roles and groups; the same link again is refused in words; a recovery link adds a
/// second passkey from another device.
/// </summary>
public sealed class EnrollmentPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(InviteGatewayFixture.InviteOnly, bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task InvitedUser_EnrollsFromTheLink_LandsSignedIn_AndTheLinkWorksOnce()
    {
        var url = await UserCommandAsync("add", "bob-browser", "--role", "admin", "--group", "ops", "--group", "payroll");

        await using (var context = await chromium.Browser.NewContextAsync())
        {
            var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
            await VirtualAuthenticator.AddPlatformAsync(page);
            await page.GotoAsync(url);

            // The token left the address bar (and the history entry) before the page's first request.
            await watch.ExpectAsync(() => Assertions.Expect(page).ToHaveURLAsync($"{Origin}/.auth/enroll"));
            await page.ClickAsync("#enroll-button");
            await watch.ArrivesAtAsync($"{Origin}/");

            var echoed = new EchoedRequest(await page.EvaluateAsync<string>("fetch('/admin/home').then(r => r.text())"));
            Assert.Equal(["bob-browser"], echoed.Header("X-Forwarded-Preferred-Username"));
            Assert.Equal(["ops,payroll"], echoed.Header("X-Forwarded-Groups"));
        }

        await using (var again = await chromium.Browser.NewContextAsync())
        {
            var (page, watch) = await PageWatch.OpenAsync(again, _gateway);
            await VirtualAuthenticator.AddPlatformAsync(page);
            await page.GotoAsync(url);
            await page.ClickAsync("#enroll-button");

            await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("This link cannot be used"));
            Assert.Equal("error", await page.GetAttributeAsync("#status", "data-kind"));
        }
    }

    [Fact]
    public async Task RecoveryLink_AddsASecondPasskey_FromAnotherDevice()
    {
        var first = await UserCommandAsync("add", "carol-browser");
        await EnrollAsync(first);

        var recovery = await UserCommandAsync("link", "carol-browser");
        await EnrollAsync(recovery);

        var admin = new AdminApi(_gateway);
        using var list = await admin.SendAsync(HttpMethod.Get, "/users?query=carol-browser");
        var user = (await AdminApi.ReadAsync(list, HttpStatusCode.OK))["users"]!.AsArray().Single()!;
        Assert.Equal(2, user["credentialCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task SignInPage_UnderInvite_ShowsNoAccountCreation()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, _) = await PageWatch.OpenAsync(context, _gateway);
        await page.GotoAsync($"{Origin}/.auth/login");

        Assert.True(await page.Locator("#signin").IsVisibleAsync());
        Assert.False(await page.Locator("#register").IsVisibleAsync());
    }

    private async Task EnrollAsync(string url)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await page.GotoAsync(url);
        await page.ClickAsync("#enroll-button");
        await watch.ArrivesAtAsync($"{Origin}/");
    }

    /// <summary>Runs <c>gateway user …</c> on the gateway's store; answers the URL it printed on its last line.</summary>
    private async Task<string> UserCommandAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await GatewayProcess.RunAsync(["user", .. arguments, "--config", _gateway.ConfigPath]);
        Assert.True(exitCode == 0, error);
        var url = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"{Origin}/.auth/enroll#", url, StringComparison.Ordinal);
        return url;
    }
}
