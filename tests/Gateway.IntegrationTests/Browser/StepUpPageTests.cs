using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// Step-up in a real Chromium with a virtual platform authenticator (DESIGN.md §11.5): a signed-in person whose
/// session has grown older than a route's <c>MaxAuthAge</c> is sent to the sign-in page, asked for the passkey again
/// although signed in, and taken back to the route — the session keeping its id with a new <c>auth_time</c>. The
/// gateway's clock is moved by the test; nothing waits for time to pass.
/// </summary>
public sealed class StepUpPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(timeProvider: _clock, bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task SessionTooOldForTheRoute_IsAskedForThePasskeyAgain_ThenLandsOnTheRoute_WithTheSameSessionRenewed()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);

        // Without conditional mediation the virtual authenticator cannot answer a request nobody asked for.
        await page.AddInitScriptAsync("PublicKeyCredential.isConditionalMediationAvailable = async () => false;");
        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fpublic%2Fregistered");
        await page.FillAsync("#new-username", "browser-stepper");
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/public/registered");
        var before = await MeAsync(page);

        _clock.Advance(TimeSpan.FromMinutes(6));
        await page.GotoAsync($"{Origin}/fresh/statement?month=11");
        await watch.ArrivesAtAsync($"{Origin}/.auth/login?returnUrl=%2Ffresh%2Fstatement%3Fmonth%3D11&maxAge=300");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#step-up")).ToBeVisibleAsync());
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#step-up-whoami")).ToHaveTextAsync("Signed in as browser-stepper."));
        Assert.True(await page.Locator("#signin").IsHiddenAsync());
        Assert.True(await page.Locator("#session").IsHiddenAsync());
        await PageAudit.RunAsync(page, "signin-step-up");

        await page.ClickAsync("#step-up-button");
        await watch.ArrivesAtAsync($"{Origin}/fresh/statement?month=11");

        Assert.Equal(["browser-stepper"], new EchoedRequest(await page.InnerTextAsync("body")).Header("X-Forwarded-Preferred-Username"));
        var after = await MeAsync(page);
        Assert.Equal(before["sessionId"]!.GetValue<string>(), after["sessionId"]!.GetValue<string>());
        var (authTimeBefore, authTimeAfter) = (before["authTime"]!.GetValue<DateTimeOffset>(), after["authTime"]!.GetValue<DateTimeOffset>());
        Assert.True(authTimeAfter >= authTimeBefore.AddMinutes(6), $"auth_time {authTimeAfter:O} was not renewed (it was {authTimeBefore:O}).");
    }

    /// <summary><c>GET /.auth/me</c> from the page, with its session cookie.</summary>
    private static async Task<JsonNode> MeAsync(IPage page) =>
        JsonNode.Parse(await page.EvaluateAsync<string>("async () => { const r = await fetch('/.auth/me', { headers: { Accept: 'application/json' } }); return r.ok ? r.text() : `status ${r.status}`; }"))!;
}
