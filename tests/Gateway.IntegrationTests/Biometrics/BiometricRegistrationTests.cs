using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Biometrics;

/// <summary>
/// <c>POST /.auth/biometrics/registration/options</c> → <c>/.auth/biometrics/registration</c> (issue 6 items 3–5): a
/// signed-in user registers a key, optionally tied to a bound device that countersigns the same client data bytes.
/// </summary>
public sealed class BiometricRegistrationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    [Theory]
    [MemberData(nameof(SimulatedDeviceKey.KindNames), MemberType = typeof(SimulatedDeviceKey))]
    public async Task Registration_EachKeyKind_Answers201AndStoresTheKey(string kind)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.CreateKind(kind);

        var exchange = await client.RegisterBiometricAsync(key);

        var answer = await exchange.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(key.Id, answer["keyId"]!.GetValue<string>());
        var stored = await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(client.User.Id, stored.UserId);
        Assert.Null(stored.DeviceId);
        Assert.Equal(key.Algorithm, stored.Algorithm.ToString());
        Assert.Equal(key.PublicKey, stored.PublicKey.ToArray());
    }

    [Fact]
    public async Task Registration_TiedToADevice_StoresTheTieAndRecordsTheDeviceUse()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);

        var exchange = await client.RegisterBiometricAsync(key, (deviceId, deviceKey));

        await exchange.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(deviceId, (await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None))!.DeviceId);
        Assert.NotNull((await Repository.FindDeviceAsync(deviceId, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task Registration_TiedWithoutTheCountersignature_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("RS256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);

        var exchange = await client.RegisterBiometricAsync(key, (deviceId, deviceKey), editRequest: body => body.Remove("deviceSignature"));

        Assert.Equal("device-signature-required", (await exchange.ReadProblemAsync()).Code);
        Assert.Null(await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Registration_CountersignedByAnotherKey_IsSignatureInvalid()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        using var impostor = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);

        var exchange = await client.RegisterBiometricAsync(key, (deviceId, impostor));

        Assert.Equal("signature-invalid", (await exchange.ReadProblemAsync()).Code);
        Assert.Null(await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Registration_TiedToAnotherUsersDevice_IsDeviceUnknown()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var mallory = await MobileClient.SignInAsync(Gateway);
        using var alicesDeviceKey = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var alicesDevice = await alice.BindDeviceAsync(alicesDeviceKey);

        // Even with the device's own countersignature (a stolen device key): a device acts for its own user only.
        var exchange = await mallory.RegisterBiometricAsync(key, (alicesDevice, alicesDeviceKey));

        Assert.Equal(HttpStatusCode.NotFound, exchange.Response.StatusCode);
        Assert.Equal("device-unknown", (await exchange.ReadProblemAsync()).Code);
        Assert.Null(await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Registration_KeyIdTakenByAnyone_Is409()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var bob = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        await alice.RegisterBiometricKeyAsync(key);

        var exchange = await bob.RegisterBiometricAsync(key);

        Assert.Equal(HttpStatusCode.Conflict, exchange.Response.StatusCode);
        Assert.Equal("credential-exists", (await exchange.ReadProblemAsync()).Code);
        Assert.Equal(alice.User.Id, (await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None))!.UserId);
    }

    public static TheoryData<string, string> BentRegistrations => new()
    {
        { "type:device.bind", "client-data-type-mismatch" },
        { "type:biometric.authenticate", "client-data-type-mismatch" },
        { "origin:https://evil.example", "origin-mismatch" },
        { "keyId:another", "client-data-mismatch" },
        { "deviceId:invented", "client-data-mismatch" },
    };

    [Theory]
    [MemberData(nameof(BentRegistrations))]
    public async Task Registration_ClientDataNotOfThisCeremony_IsRefusedAndStoresNothing(string bend, string expected)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("PS256");
        var member = bend[..bend.IndexOf(':', StringComparison.Ordinal)];

        var exchange = await client.RegisterBiometricAsync(key, editClientData: document => document[member] = bend[(member.Length + 1)..]);

        Assert.Equal(expected, (await exchange.ReadProblemAsync()).Code);
        Assert.Null(await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Registration_PublicKeyNotOfTheAlgorithm_IsKeyInvalid()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.RegisterBiometricAsync(key, editRequest: body => body["algorithm"] = "RS256");

        Assert.Equal("key-invalid", (await exchange.ReadProblemAsync()).Code);
        Assert.Null(await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Registration_WithoutASession_Is401()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        client.AccessToken = null;

        using var response = await client.PostAsync("/biometrics/registration/options", []);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }
}
