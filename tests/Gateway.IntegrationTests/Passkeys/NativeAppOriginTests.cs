using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Passkeys;

/// <summary>
/// An Android app using the platform's passkey API signs with its <c>android:apk-key-hash:</c> origin; the gateway
/// accepts it when <c>Gateway:RelyingParty:Origins</c> lists it, and only then.
/// </summary>
public sealed class NativeAppOriginTests
{
    private const string AppOrigin = "android:apk-key-hash:Zt3DPtZ0yK1vQd1bS2kqzFJ3cB7p5l0sKc7m9JQ1yQ8";

    [Fact]
    public async Task AndroidAppOrigin_IsAccepted_OnlyWhenConfigured()
    {
        await using var gateway = await GatewayHost.StartAsync(config =>
            config["Gateway"]!["RelyingParty"] = new JsonObject { ["Id"] = "localhost", ["Origins"] = new JsonArray(config["Gateway"]!["PublicOrigin"]!.GetValue<string>(), AppOrigin) });
        await using var webOnly = await GatewayHost.StartAsync();

        using var app = new PasskeyClient(gateway);
        app.Authenticator.OriginOverride = AppOrigin;
        using var appOnWebOnly = new PasskeyClient(webOnly);
        appOnWebOnly.Authenticator.OriginOverride = AppOrigin;

        using var registered = await app.RegisterAsync("android-user");
        using var signedIn = await app.SignInAsync("android-user");
        using var refused = await appOnWebOnly.RegisterAsync("android-user");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("origin-mismatch", (await ProblemResponse.ReadAsync(refused)).Code);
    }
}
