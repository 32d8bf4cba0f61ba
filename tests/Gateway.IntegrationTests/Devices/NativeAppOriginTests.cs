using System.Net;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Devices;

/// <summary>
/// <c>Gateway:Devices:Origins</c> names the native apps whose client data is accepted (DESIGN.md §10): an Android app
/// by its signing key's hash, an iOS app by its bundle id. Configured, they replace the web origins.
/// </summary>
public sealed class NativeAppOriginTests : IAsyncLifetime
{
    private const string AndroidApp = "android:apk-key-hash:Q2Kd5nB4Lq3ZbU9eW3r0y8XbHk2TQ1dGJ2m6Zr6F4Yw";
    private const string IosApp = "ios:bundle-id:com.example.wallet";

    private GatewayHost? _gateway;

    private GatewayHost Host => _gateway!;

    public async ValueTask InitializeAsync() =>
        _gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["Devices"] = new JsonObject { ["Origins"] = new JsonArray(AndroidApp, IosApp) });

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(AndroidApp, "RS256")]
    [InlineData(IosApp, "ES256")]
    public async Task ConfiguredAppOrigin_BindsVerifiesAndSignsIn(string origin, string algorithm)
    {
        var client = await MobileClient.SignInAsync(Host);
        client.Origin = origin;
        using var deviceKey = SimulatedDeviceKey.Create(algorithm);
        using var key = SimulatedDeviceKey.Create("ES256");

        var deviceId = await client.BindDeviceAsync(deviceKey);
        await (await client.VerifyAsync(deviceId, deviceKey)).ReadJsonAsync();
        await client.RegisterBiometricKeyAsync(key, (deviceId, deviceKey));
        await (await client.SignInBiometricAsync(key, (deviceId, deviceKey))).ReadJsonAsync();
    }

    [Fact]
    public async Task WebOrigin_WhenOnlyAppsAreConfigured_IsOriginMismatch()
    {
        var client = await MobileClient.SignInAsync(Host);
        client.Origin = Host.Options.PublicOrigin!.GetLeftPart(UriPartial.Authority);
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.BindAsync(key);

        Assert.Equal("origin-mismatch", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task AnotherAppsOrigin_IsOriginMismatch()
    {
        var client = await MobileClient.SignInAsync(Host);
        client.Origin = "ios:bundle-id:com.example.wallet.evil";
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.BindAsync(key);

        Assert.Equal("origin-mismatch", (await exchange.ReadProblemAsync()).Code);
    }
}
