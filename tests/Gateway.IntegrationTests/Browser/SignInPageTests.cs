using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// The sign-in page in a real Chromium with a virtual platform authenticator: account creation with a passkey,
/// sign-out, sign-in with the button and with autofill, and the identity headers arriving at the app behind the gateway.
/// </summary>
public sealed class SignInPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task NewUser_CreatesAnAccountWithAPasskey_AndLandsOnTheProtectedPage_WithIdentityHeaders()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        var authenticator = await VirtualAuthenticator.AddPlatformAsync(page);

        await page.GotoAsync($"{Origin}/app/dashboard?tab=2");
        Assert.StartsWith($"{Origin}/.auth/login?returnUrl=", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(TestArtifacts.Directory, "login-page.png"), FullPage = true });

        await page.FillAsync("#new-username", "browser-ada");
        await page.FillAsync("#display-name", "Ada Lovelace");
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/app/dashboard?tab=2");

        var echoed = new EchoedRequest(await page.InnerTextAsync("body"));
        Assert.Equal(["browser-ada"], echoed.Header("X-Forwarded-Preferred-Username"));
        Assert.Equal(["passkey"], echoed.Header("X-Auth-Method"));
        Assert.Single(echoed.Header("X-Forwarded-User"));
        Assert.DoesNotContain(echoed.Header("Cookie"), c => c.Contains("gateway=", StringComparison.Ordinal));
        Assert.Equal(1, await authenticator.CredentialCountAsync());
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "gateway");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
    }

    [Fact]
    public async Task ReturningUser_SignsOut_ThenSignsInWithThePasskeyButton()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await WithoutAutofillAsync(page);
        await RegisterAsync(page, watch, "browser-grace");

        await page.GotoAsync($"{Origin}/.auth/login");
        // The page is already at the sign-in address: wait for the sign-out's own answer, then for the page it leads to.
        await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#session button[type=submit]"), $"{Origin}/.auth/logout");
        await watch.ArrivesAtAsync($"{Origin}/.auth/login");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "gateway");

        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fapp%2Freports");
        await page.ClickAsync("#signin-button");
        await watch.ArrivesAtAsync($"{Origin}/app/reports");

        var echoed = new EchoedRequest(await page.InnerTextAsync("body"));
        Assert.Equal(["browser-grace"], echoed.Header("X-Forwarded-Preferred-Username"));
    }

    [Fact]
    public async Task ReturningUser_SignsInThroughAutofill_WithoutPressingAnything()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await RegisterAsync(page, watch, "browser-autofill");
        await context.ClearCookiesAsync();

        // Conditional mediation: the page starts a passkey request bound to the username field's autofill as soon as
        // it loads; the virtual authenticator answers it with its discoverable credential, as a person picking it would.
        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fapp%2Finbox");
        await watch.ArrivesAtAsync($"{Origin}/app/inbox");

        Assert.Equal(["browser-autofill"], new EchoedRequest(await page.InnerTextAsync("body")).Header("X-Forwarded-Preferred-Username"));
    }

    [Fact]
    public async Task TakenUsername_IsExplainedToThePersonInWords()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await WithoutAutofillAsync(page);
        await RegisterAsync(page, watch, "browser-taken");
        await context.ClearCookiesAsync();

        await page.GotoAsync($"{Origin}/.auth/login");
        await page.FillAsync("#new-username", "browser-taken");
        await page.ClickAsync("#register-button");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("That username is taken"));
        Assert.Equal("error", await page.GetAttributeAsync("#status", "data-kind"));
    }

    [Fact]
    public async Task ReturnUrl_ToAnotherOrigin_IsIgnored()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);

        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2F%2Fevil.example%2Fsteal");
        await page.FillAsync("#new-username", "browser-redirect");
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/");

        Assert.StartsWith(Origin, page.Url, StringComparison.Ordinal);
    }

    /// <summary>
    /// The page as a browser without conditional mediation sees it: otherwise the virtual authenticator answers the
    /// autofill request at once and signs in before the test can press anything.
    /// </summary>
    private static Task WithoutAutofillAsync(IPage page) =>
        page.AddInitScriptAsync("PublicKeyCredential.isConditionalMediationAvailable = async () => false;");

    private async Task RegisterAsync(IPage page, PageWatch watch, string username)
    {
        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fpublic%2Fregistered");
        await page.FillAsync("#new-username", username);
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/public/registered");
    }
}

/// <summary>A U2F security key over USB (fido-u2f attestation, no resident key, no UV) with a gateway configured for it.</summary>
public sealed class SecurityKeyTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(
        config => config["Gateway"]!["Passkeys"] = new JsonObject { ["UserVerification"] = "discouraged", ["ResidentKey"] = "discouraged", ["Attestation"] = "verify" },
        bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task SecurityKey_Registers_ThenSignsInUsernameFirst()
    {
        var origin = $"http://localhost:{_gateway.Port}";
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddSecurityKeyAsync(page);

        await page.GotoAsync($"{origin}/.auth/login?returnUrl=%2Fpublic%2Fdone");
        await page.FillAsync("#new-username", "browser-u2f");
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{origin}/public/done");
        await context.ClearCookiesAsync();

        await page.GotoAsync($"{origin}/.auth/login?returnUrl=%2Fapp%2Fkey");
        await page.FillAsync("#username", "browser-u2f");
        await page.ClickAsync("#signin-button");
        await watch.ArrivesAtAsync($"{origin}/app/key");

        var echoed = new EchoedRequest(await page.InnerTextAsync("body"));
        Assert.Equal(["browser-u2f"], echoed.Header("X-Forwarded-Preferred-Username"));
        var user = await _gateway.Services.GetRequiredService<Ceremonies.Credentials.ICredentialRepository>().FindUserByUsernameAsync("browser-u2f", default);
        var passkey = Assert.Single(await _gateway.Services.GetRequiredService<Ceremonies.Credentials.ICredentialRepository>().ListPasskeysAsync(user!.Id, default));
        Assert.Equal("fido-u2f", passkey.AttestationFormat);
    }
}
