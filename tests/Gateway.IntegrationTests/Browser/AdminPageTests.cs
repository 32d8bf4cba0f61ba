using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// <c>/.auth/admin</c> in a real Chromium (DESIGN.md §11.2), signed in as an administrator: every action of the page,
/// checked against the admin API and the gateway's answers to the people concerned.
/// </summary>
public sealed class AdminPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task NonAdministrator_Gets403()
    {
        using var client = new PasskeyClient(_gateway);
        (await client.RegisterAsync(UniqueName.For("plain"))).Dispose();
        await using var context = await BrowserSessions.ContextAsync(chromium, _gateway, client);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync($"{Origin}/.auth/admin");

        Assert.Equal(403, response!.Status);
    }

    [Fact]
    public async Task Administrator_CreatesEditsDisablesRecoversAndRemovesAUser()
    {
        await using var context = await AdminContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var api = new AdminApi(_gateway);
        await page.GotoAsync($"{Origin}/.auth/admin");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#users tbody tr").First).ToBeVisibleAsync());

        // Create: the link and its QR code appear.
        var username = UniqueName.For("dana");
        await page.FillAsync("#new-username", username);
        await page.FillAsync("#new-roles", "viewer");
        await page.FillAsync("#new-groups", "ops, payroll");
        await page.ClickAsync("#create-user button[type=submit]");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#link-qr svg")).ToBeVisibleAsync());
        var url = await page.InputValueAsync("#link-url");
        Assert.StartsWith($"{Origin}/.auth/enroll#", url, StringComparison.Ordinal);

        // The person enrolls with it.
        using var dana = new PasskeyClient(_gateway);
        var token = await PasskeyClient.ReadTokenAsync(await dana.EnrollAsync(AdminApi.TokenOf(url)), HttpStatusCode.Created);

        // Find and open the user.
        await page.FillAsync("#user-query", username);
        await page.ClickAsync("#user-search button");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {username}" }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#user-credentials > li")).ToHaveCountAsync(1));
        var userId = (await UserAsync(api, username))["id"]!.GetValue<string>();
        Assert.Equal(["ops", "payroll"], (await UserAsync(api, username))["groups"]!.AsArray().Select(g => g!.GetValue<string>()));

        // Roles and groups: saved, and the person's session ends.
        await page.FillAsync("#edit-roles", "viewer editor");
        await page.ClickAsync("#edit-user button[type=submit]");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Saved"));
        Assert.Equal(["viewer", "editor"], (await UserAsync(api, username))["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        using (var app = await dana.GetWithTokenAsync("/default-policy/x", token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, app.StatusCode);
        }

        // Disable, then enable.
        await page.ClickAsync("#toggle-disabled");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("is disabled"));
        Assert.True((await UserAsync(api, username))["disabled"]!.GetValue<bool>());
        await Assertions.Expect(page.Locator("#toggle-disabled")).ToHaveTextAsync("Enable the account");
        await page.ClickAsync("#toggle-disabled");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("is enabled again"));
        Assert.False((await UserAsync(api, username))["disabled"]!.GetValue<bool>());

        // A recovery link: a new one, with its QR code.
        await page.ClickAsync("#recovery-link");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("A new link"));
        var recovery = await page.InputValueAsync("#link-url");
        Assert.NotEqual(url, recovery);
        await Assertions.Expect(page.Locator("#link-qr svg")).ToBeVisibleAsync();

        // End the sessions of a fresh sign-in, then remove the credential.
        var again = await PasskeyClient.ReadTokenAsync(await dana.SignInAsync(username), HttpStatusCode.OK);
        await page.ClickAsync("#end-sessions");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Every session"));
        using (var afterEnd = await dana.GetWithTokenAsync("/default-policy/x", again))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, afterEnd.StatusCode);
        }

        await page.Locator("#user-credentials > li").First.GetByRole(AriaRole.Button).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#user-credentials")).ToContainTextAsync("No credentials"));
        Assert.Equal(0, (await UserAsync(api, username))["credentialCount"]!.GetValue<int>());

        // The audit trail shows what was done.
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("admin_user_create"));
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("admin_credential_remove");

        // Remove the user.
        await page.ClickAsync("#remove-user");
        // The detail closes once the removal is done ("was removed" alone could still be the passkey's status above).
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#user-detail")).ToBeHiddenAsync());
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("was removed");
        using var gone = await api.SendAsync(HttpMethod.Get, $"/users/{userId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AdminPage_WithALinkAndAUserOpen_PassesTheAudit()
    {
        await using var context = await AdminContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await page.GotoAsync($"{Origin}/.auth/admin");
        var username = UniqueName.For("erin");
        await page.FillAsync("#new-username", username);
        await page.FillAsync("#new-groups", "ops");
        await page.ClickAsync("#create-user button[type=submit]");
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#link-qr svg")).ToBeVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open {username}" }).ClickAsync();
        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#user-detail")).ToBeVisibleAsync());

        await PageAudit.RunAsync(page, "admin");
    }

    [Fact]
    public async Task UsersAndTheAuditTrail_LoadMoreOnRequest()
    {
        var prefix = UniqueName.For("crowd");
        var api = new AdminApi(_gateway);
        // More than a page of each: 20 users and 25 audit entries a page.
        for (var i = 0; i < 30; i++)
        {
            await api.CreateUserAsync($"{prefix}-{i:D2}");
        }

        await using var context = await AdminContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await page.GotoAsync($"{Origin}/.auth/admin");
        await page.FillAsync("#user-query", prefix);
        await page.ClickAsync("#user-search button");

        var users = page.Locator("#users tbody tr");
        await watch.ExpectAsync(() => Assertions.Expect(users.First).ToContainTextAsync($"{prefix}-00"));
        await watch.ExpectAsync(() => Assertions.Expect(users).ToHaveCountAsync(20));
        await page.ClickAsync("#users-more");
        await watch.ExpectAsync(() => Assertions.Expect(users).ToHaveCountAsync(30));
        await Assertions.Expect(page.Locator("#users-more")).ToBeHiddenAsync();
        await Assertions.Expect(users.Last).ToContainTextAsync($"{prefix}-29");

        var entries = page.Locator("#audit tbody tr");
        await Assertions.Expect(entries).ToHaveCountAsync(25);
        await page.ClickAsync("#audit-more");
        await watch.ExpectAsync(() => Assertions.Expect(entries).Not.ToHaveCountAsync(25));
        Assert.True(await entries.CountAsync() > 25);
    }

    [Fact]
    public async Task Create_TakenUsername_IsExplainedInWords()
    {
        var taken = UniqueName.For("taken");
        await new AdminApi(_gateway).CreateUserAsync(taken);
        await using var context = await AdminContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await page.GotoAsync($"{Origin}/.auth/admin");

        await page.FillAsync("#new-username", taken);
        await page.ClickAsync("#create-user button[type=submit]");

        await watch.ExpectAsync(() => Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("That username is taken."));
        Assert.Equal("error", await page.GetAttributeAsync("#status", "data-kind"));
        await Assertions.Expect(page.Locator("#link")).ToBeHiddenAsync();
    }

    /// <summary>A browser signed in as a new administrator: a sign-up, the admin role given by the API, a new sign-in.</summary>
    private async Task<IBrowserContext> AdminContextAsync()
    {
        var username = UniqueName.For("admin");
        var client = new PasskeyClient(_gateway);
        var registered = await AdminApi.ReadAsync(await client.RegisterAsync(username), HttpStatusCode.Created);
        await new AdminApi(_gateway).ChangeUserAsync(registered["user"]!["id"]!.GetValue<string>(), new JsonObject { ["roles"] = new JsonArray("admin") });
        (await client.SignInAsync(username)).Dispose();
        return await BrowserSessions.ContextAsync(chromium, _gateway, client);
    }

    private static async Task<JsonObject> UserAsync(AdminApi api, string username)
    {
        using var response = await api.SendAsync(HttpMethod.Get, $"/users?query={username}");
        return (await AdminApi.ReadAsync(response, HttpStatusCode.OK))["users"]!.AsArray().Single()!.AsObject();
    }
}
