using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// <c>/.auth/account</c> in a real Chromium (DESIGN.md §11.2): every action of the page, the last-credential refusal
/// in words, ending another browser's session, and the WebAuthn Signal API calls with their arguments.
/// </summary>
public sealed class AccountPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task NotSignedIn_IsSentToSignIn_AndBackAfterwards()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);

        await page.GotoAsync($"{Origin}/.auth/account");

        await watch.ArrivesAtAsync($"{Origin}/.auth/login?returnUrl=%2F.auth%2Faccount");
    }

    [Fact]
    public async Task Passkeys_AreAddedRenamedAndRemoved_TheLastOneIsKept_AndTheBrowserIsToldEachTime()
    {
        var username = UniqueName.For("pages");
        using var phone = new PasskeyClient(_gateway);
        using (var registered = await phone.RegisterAsync(username))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        await using var context = await SignedInContextAsync(phone);
        await SignalSpy.InstallAsync(context);
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        var authenticator = await VirtualAuthenticator.AddPlatformAsync(page);
        var questions = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Dialog += (_, dialog) =>
        {
            questions.Enqueue(dialog.Message);
            dialog.AcceptAsync();
        };
        await page.GotoAsync($"{Origin}/.auth/account");

        var items = page.Locator("#passkeys > li");
        await watch.ExpectAsync(() => Assertions.Expect(items).ToHaveCountAsync(1));
        var userId = await page.GetAttributeAsync("#gateway", "data-user-id");
        Assert.Equal(32, Base64Url.DecodeFromChars(userId).Length);
        var firstId = Base64Url.EncodeToString(phone.Authenticator.Credentials.Single().Id);
        await AssertSignalAsync(page, "signalAllAcceptedCredentials", options =>
        {
            Assert.Equal("localhost", options.GetProperty("rpId").GetString());
            Assert.Equal(userId, options.GetProperty("userId").GetString());
            Assert.Equal([firstId], options.GetProperty("allAcceptedCredentialIds").EnumerateArray().Select(e => e.GetString()));
        });
        await AssertSignalAsync(page, "signalCurrentUserDetails", options =>
        {
            Assert.Equal(username, options.GetProperty("name").GetString());
            Assert.Equal(username.ToUpperInvariant(), options.GetProperty("displayName").GetString());
        });

        // Add a passkey from this browser: the browser is told both are accepted.
        await page.ClickAsync("#add-passkey");
        await watch.ExpectAsync(() => Assertions.Expect(items).ToHaveCountAsync(2));
        Assert.Equal(1, await authenticator.CredentialCountAsync());
        var both = await AcceptedIdsAsync(page, calls: 3);
        Assert.Contains(firstId, both);
        var addedId = Assert.Single(both, id => id != firstId);

        // Rename the new one (the first signed this session in: removing it would end the session).
        await page.Locator("#passkeys > li").Nth(1).GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Rename") }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Work phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#passkeys")).ToContainTextAsync("Work phone"));

        // Remove it: one left, and the browser is told which ones are still accepted.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Work phone" }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(items).ToHaveCountAsync(1));
        Assert.Equal([firstId], await AcceptedIdsAsync(page, calls: 4));
        Assert.DoesNotContain(addedId, await AcceptedIdsAsync(page, calls: 4));

        // The last one stays, with the reason in words.
        await page.Locator("#passkeys > li").First.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Remove") }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("last way to sign in"));
        Assert.Equal("error", await page.GetAttributeAsync("#status", "data-kind"));

        // Only the passkey this session signed in with was asked about as such.
        Assert.Equal(2, questions.Count);
        Assert.DoesNotContain("You signed in with it", questions.First(), StringComparison.Ordinal);
        Assert.Contains("You signed in with it", questions.Last(), StringComparison.Ordinal);
        await Assertions.Expect(items).ToHaveCountAsync(1);

        // A new display name is signalled as the current user details.
        await page.GetByLabel("Display name").FillAsync("Pat Q. Example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save display name" }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Pat Q. Example"));
        var details = (await SignalSpy.CallsAsync(page)).Last(c => c.Name == "signalCurrentUserDetails").Options;
        Assert.Equal("Pat Q. Example", details.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task EndingAnotherBrowsersSession_SendsThatBrowserToSignIn_AtItsNextNavigation()
    {
        var username = UniqueName.For("two-browsers");
        using var laptop = new PasskeyClient(_gateway);
        (await laptop.RegisterAsync(username)).Dispose();
        using var tablet = new PasskeyClient(_gateway.Address, laptop.Authenticator);
        (await tablet.SignInAsync(username)).Dispose();

        await using var first = await SignedInContextAsync(laptop);
        await using var second = await SignedInContextAsync(tablet);
        var (page, watch) = await PageWatch.OpenAsync(first, _gateway);
        var (other, otherWatch) = await PageWatch.OpenAsync(second, _gateway);
        await other.GotoAsync($"{Origin}/public/tablet");
        await page.GotoAsync($"{Origin}/.auth/account");

        var sessions = page.Locator("#sessions > li");
        await watch.ExpectAsync(() => Assertions.Expect(sessions).ToHaveCountAsync(2));
        await Assertions.Expect(page.Locator("#sessions")).ToContainTextAsync("This browser");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^End the session") }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(sessions).ToHaveCountAsync(1));

        await other.GotoAsync($"{Origin}/.auth/account");
        await otherWatch.ArrivesAtAsync($"{Origin}/.auth/login?returnUrl=%2F.auth%2Faccount");
    }

    [Fact]
    public async Task SignInWithAPasskeyTheGatewayNoLongerHas_TellsTheBrowserItIsUnknown()
    {
        await using var context = await chromium.Browser.NewContextAsync();
        await SignalSpy.InstallAsync(context);
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await page.AddInitScriptAsync("PublicKeyCredential.isConditionalMediationAvailable = async () => false;");
        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fpublic%2Fin");
        await page.FillAsync("#new-username", UniqueName.For("pruned"));
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/public/in");
        var echoed = new EchoedRequest(await page.EvaluateAsync<string>("fetch('/default-policy/x').then(r => r.text())"));
        var userId = echoed.Header("X-Forwarded-User").Single();
        var credentials = await page.EvaluateAsync<JsonElement>("fetch('/.auth/account/credentials').then(r => r.json())");
        var credentialId = credentials.GetProperty("credentials")[0].GetProperty("id").GetString()!;

        // An administrator removes it; the authenticator still offers it.
        using var removed = await new AdminApi(_gateway).SendAsync(HttpMethod.Delete, $"/users/{userId}/credentials/{credentialId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await context.ClearCookiesAsync();
        await page.GotoAsync($"{Origin}/.auth/login");
        await page.ClickAsync("#signin-button");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "error"));
        await page.WaitForFunctionAsync("window.__signals.some(c => c.name === 'signalUnknownCredential')");
        var call = Assert.Single(await SignalSpy.CallsAsync(page), c => c.Name == "signalUnknownCredential");
        Assert.Equal("localhost", call.Options.GetProperty("rpId").GetString());
        Assert.Equal(credentialId, call.Options.GetProperty("credentialId").GetString());
    }

    [Fact]
    public async Task AccountPage_PassesTheAudit()
    {
        var username = UniqueName.For("audited");
        using var client = new PasskeyClient(_gateway);
        (await client.RegisterAsync(username)).Dispose();
        (await client.SignInAsync(username)).Dispose();
        await using var context = await SignedInContextAsync(client);
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await page.GotoAsync($"{Origin}/.auth/account");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#sessions > li")).ToHaveCountAsync(2));

        await PageAudit.RunAsync(page, "account");
    }

    [Fact]
    public async Task SignOutEverywhere_EndsThisSessionToo()
    {
        using var client = new PasskeyClient(_gateway);
        (await client.RegisterAsync(UniqueName.For("everywhere"))).Dispose();
        await using var context = await SignedInContextAsync(client);
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync($"{Origin}/.auth/account");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#sessions > li")).ToHaveCountAsync(1));

        await page.ClickAsync("#sign-out-everywhere");

        await watch.ArrivesAtAsync($"{Origin}/.auth/login");
        await page.GotoAsync($"{Origin}/.auth/account");
        await watch.ArrivesAtAsync($"{Origin}/.auth/login?returnUrl=%2F.auth%2Faccount");
    }

    /// <summary>
    /// The credential ids of the newest <c>signalAllAcceptedCredentials</c> call, once the page has made
    /// <paramref name="calls"/> Signal API calls in all (the page signals after its list is drawn).
    /// </summary>
    private static async Task<IReadOnlyList<string>> AcceptedIdsAsync(IPage page, int calls)
    {
        await page.WaitForFunctionAsync($"window.__signals.length >= {calls}");
        var signalled = await SignalSpy.CallsAsync(page);
        Assert.Equal(calls, signalled.Count);
        return [.. signalled.Last(c => c.Name == "signalAllAcceptedCredentials").Options.GetProperty("allAcceptedCredentialIds").EnumerateArray().Select(e => e.GetString()!)];
    }

    private static async Task AssertSignalAsync(IPage page, string name, Action<JsonElement> assert)
    {
        await Assertions.Expect(page.Locator("#passkeys > li").First).ToBeVisibleAsync();
        var calls = await SignalSpy.CallsAsync(page);
        var call = Assert.Single(calls, c => c.Name == name);
        assert(call.Options);
    }

    private Task<IBrowserContext> SignedInContextAsync(PasskeyClient client) => BrowserSessions.ContextAsync(chromium, _gateway, client);
}
