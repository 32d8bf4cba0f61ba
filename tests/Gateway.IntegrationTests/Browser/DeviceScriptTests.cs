using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Browser;

/// <summary>
/// <c>/.auth/device.js</c> in a real Chromium: a signed-in page binds a non-extractable WebCrypto key (RSA-2048 or
/// P-256), proves the device, and a KnownDevice route opens; after an admin revokes the device it is refused.
/// </summary>
public sealed class DeviceScriptTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;

    private string Origin => $"http://localhost:{_gateway.Port}";

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(bindLocalhost: true);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public async Task BoundAndVerifiedBrowser_OpensKnownDeviceRoutes_UntilTheDeviceIsRevoked(string algorithm)
    {
        await using var context = await chromium.Browser.NewContextAsync();
        var (page, watch) = await PageWatch.OpenAsync(context, _gateway);
        await VirtualAuthenticator.AddPlatformAsync(page);
        await page.AddInitScriptAsync("PublicKeyCredential.isConditionalMediationAvailable = async () => false;");
        var username = $"device-{algorithm.ToLowerInvariant()}";
        await page.GotoAsync($"{Origin}/.auth/login?returnUrl=%2Fpublic%2Fapp");
        await page.FillAsync("#new-username", username);
        await page.ClickAsync("#register-button");
        await watch.ArrivesAtAsync($"{Origin}/public/app");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/.auth/device.js" });

        Assert.Equal(403, await StatusAsync(page, "/known-device/report"));

        var bound = await page.EvaluateAsync<JsonElement>($"PasskeyGatewayDevice.bind({{ name: 'Test browser', algorithm: '{algorithm}' }})");
        var deviceId = bound.GetProperty("deviceId").GetString()!;
        Assert.False(bound.GetProperty("alreadyBound").GetBoolean());
        Assert.False(await page.EvaluateAsync<bool>(PrivateKeyExtractableScript));
        Assert.Equal(403, await StatusAsync(page, "/known-device/report"));

        var verified = await page.EvaluateAsync<JsonElement>("PasskeyGatewayDevice.verify()");
        Assert.False(string.IsNullOrEmpty(verified.GetProperty("token").GetString()));
        Assert.Equal(200, await StatusAsync(page, "/known-device/report"));
        var echoed = new EchoedRequest(await page.EvaluateAsync<string>("fetch('/known-device/report').then(r => r.text())"));
        Assert.Equal([deviceId], echoed.Header("X-Device-Id"));

        var userId = echoed.Header("X-Forwarded-User").Single();
        var admin = _gateway.IssueAccessToken(GatewayHost.Identity("root") with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } });
        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/.auth/admin/users/{userId}/credentials/{deviceId}");
        revoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var revoked = await _gateway.Client.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        // The session carried the device: it ends with it (DESIGN.md §10), on the very next request.
        Assert.Equal(401, await StatusAsync(page, "/known-device/report"));
    }

    /// <summary>Opens device.js's IndexedDB record and reads whether the private key could be exported.</summary>
    private const string PrivateKeyExtractableScript = """
        new Promise((resolve, reject) => {
          const open = indexedDB.open("passkey-gateway-device");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction("keys").objectStore("keys").getAll();
            request.onsuccess = () => resolve(request.result[0].keyPair.privateKey.extractable);
            request.onerror = () => reject(request.error);
          };
        })
        """;

    private static Task<int> StatusAsync(IPage page, string path) =>
        page.EvaluateAsync<int>($"fetch('{path}', {{ headers: {{ Accept: 'application/json' }} }}).then(r => r.status)");
}
