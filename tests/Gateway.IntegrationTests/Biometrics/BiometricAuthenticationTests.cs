using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Biometrics;

/// <summary>
/// <c>POST /.auth/biometrics/authentication/options</c> → <c>/.auth/biometrics/authentication</c> (issue 6 items 3–5):
/// sign-in with a biometric key, countersigned by its device where it is tied to one.
/// </summary>
public sealed class BiometricAuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    [Theory]
    [MemberData(nameof(SimulatedDeviceKey.KindNames), MemberType = typeof(SimulatedDeviceKey))]
    public async Task SignIn_EachKeyKind_AnswersABiometricToken(string kind)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.CreateKind(kind);
        await client.RegisterBiometricKeyAsync(key);

        var exchange = await client.SignInBiometricAsync(key, optionsBody: new JsonObject { ["username"] = client.User.Username });

        Assert.Equal([key.Id], exchange.Options["allowKeys"]!.AsArray().Select(k => k!.GetValue<string>()));
        var answer = await exchange.ReadJsonAsync();
        var token = Jwt.ReadPayload(answer["token"]!.GetValue<string>());
        Assert.Equal(client.User.Id, token["sub"]!.GetValue<string>());
        Assert.Equal("biometric", token["auth_method"]!.GetValue<string>());
        Assert.Equal(["hwk", "user", "mfa"], token["amr"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(key.Id, token["cred_id"]!.GetValue<string>());
        Assert.Null(token["device_id"]);
        Assert.NotEqual(client.SessionId, token["sid"]!.GetValue<string>());
        Assert.Contains(exchange.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gateway=", StringComparison.Ordinal));
        Assert.NotNull((await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task SignIn_TiedKeyCountersigned_CarriesDeviceIdAndPassesKnownDevice()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("RS256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.RegisterTiedBiometricKeyAsync(deviceKey, key);

        var exchange = await client.SignInBiometricAsync(key, (deviceId, deviceKey));

        var token = (await exchange.ReadJsonAsync())["token"]!.GetValue<string>();
        Assert.Equal(deviceId, Jwt.ReadPayload(token)["device_id"]!.GetValue<string>());
        using var route = await client.GetAsync("/known-device/page", token);
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
    }

    [Fact]
    public async Task SignIn_TiedKeyWithoutTheCountersignature_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256", "raw");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.RegisterTiedBiometricKeyAsync(deviceKey, key);

        // The document names the device, as a tied key's must; only the countersignature is missing.
        var exchange = await client.SignInBiometricAsync(key, editClientData: d => d["deviceId"] = deviceId);

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Response.StatusCode);
        Assert.Equal("device-signature-required", (await exchange.ReadProblemAsync()).Code);
        Assert.Null((await Repository.FindBiometricKeyAsync(key.Id, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task SignIn_TiedKeyWhoseDocumentOmitsTheDevice_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.RegisterTiedBiometricKeyAsync(deviceKey, key);

        var exchange = await client.SignInBiometricAsync(key);

        Assert.Equal("client-data-mismatch", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_UntiedKeyCountersignedByOwnDevice_CarriesDeviceId()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("PS256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);
        await client.RegisterBiometricKeyAsync(key);

        var exchange = await client.SignInBiometricAsync(key, (deviceId, deviceKey));

        Assert.Equal(deviceId, Jwt.ReadPayload((await exchange.ReadJsonAsync())["token"]!.GetValue<string>())["device_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_CountersignedByAnotherUsersDevice_IsDeviceUnknown()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var mallory = await MobileClient.SignInAsync(Gateway);
        using var alicesDeviceKey = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var alicesDevice = await alice.BindDeviceAsync(alicesDeviceKey);
        await mallory.RegisterBiometricKeyAsync(key);

        var exchange = await mallory.SignInBiometricAsync(key, (alicesDevice, alicesDeviceKey));

        Assert.Equal("device-unknown", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_DeviceVerifySignatureReplayedAsBiometric_IsTypeMismatch()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);
        await client.RegisterBiometricKeyAsync(deviceKey, (deviceId, deviceKey));

        // A device.verify document and signature, captured from a verification, sent as a biometric sign-in.
        var options = await client.OptionsAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId });
        var verifyData = client.ClientData("device.verify", MobileClient.Challenge(options), new JsonObject { ["deviceId"] = deviceId, ["keyId"] = deviceKey.Id });
        var signature = Base64UrlEncoder.Encode(deviceKey.Sign(verifyData));
        client.AccessToken = null;
        using var response = await client.PostAsync("/biometrics/authentication", new JsonObject
        {
            ["keyId"] = deviceKey.Id,
            ["clientData"] = Base64UrlEncoder.Encode(verifyData),
            ["signature"] = signature,
            ["deviceId"] = deviceId,
            ["deviceSignature"] = signature,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("client-data-type-mismatch", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task SignIn_DeviceVerifyChallengeUnderTheBiometricType_IsChallengeInvalid()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(deviceKey);
        await client.RegisterBiometricKeyAsync(key);
        var verificationChallenge = MobileClient.Challenge(await client.OptionsAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId }));

        // Challenges are bound to their purpose: one issued for a device verification cannot sign anyone in.
        var exchange = await client.SignInBiometricAsync(key, editClientData: d => d["challenge"] = verificationChallenge);

        Assert.Equal("challenge-invalid", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_KeyOfAnotherUser_IsCredentialUserMismatch()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var mallory = await MobileClient.SignInAsync(Gateway);
        using var malloryKey = SimulatedDeviceKey.Create("ES256");
        await mallory.RegisterBiometricKeyAsync(malloryKey);

        // A challenge issued for Alice's username, answered by Mallory's own key.
        var exchange = await mallory.SignInBiometricAsync(malloryKey, optionsBody: new JsonObject { ["username"] = alice.User.Username });

        Assert.Empty(exchange.Options["allowKeys"]!.AsArray());
        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Response.StatusCode);
        Assert.Equal("credential-user-mismatch", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_ChallengeBoundToAnotherKey_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var first = SimulatedDeviceKey.Create("ES256");
        using var second = SimulatedDeviceKey.Create("ES256");
        await client.RegisterBiometricKeyAsync(first);
        await client.RegisterBiometricKeyAsync(second);

        var exchange = await client.SignInBiometricAsync(second, optionsBody: new JsonObject { ["keyId"] = first.Id });

        Assert.Equal("challenge-invalid", (await exchange.ReadProblemAsync()).Code);
        Assert.Null((await Repository.FindBiometricKeyAsync(second.Id, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task Options_UnknownUsername_AnswerLikeAKnownOneWithNoKeys()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        client.AccessToken = null;

        var unknown = await client.OptionsAsync("/biometrics/authentication/options", new JsonObject { ["username"] = "nobody-" + Guid.NewGuid().ToString("N") });
        var known = await client.OptionsAsync("/biometrics/authentication/options", new JsonObject { ["username"] = client.User.Username });

        Assert.Equal(known.Select(p => p.Key).Order(), unknown.Select(p => p.Key).Order());
        Assert.Empty(unknown["allowKeys"]!.AsArray());
        Assert.Empty(known["allowKeys"]!.AsArray());
    }

    [Fact]
    public async Task Options_UsernameAndKeyIdTogether_IsInvalidRequest()
    {
        var client = await MobileClient.SignInAsync(Gateway);

        using var response = await client.PostAsync("/biometrics/authentication/options", new JsonObject { ["username"] = "a", ["keyId"] = "b" });

        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task SignIn_UnknownKey_IsCredentialUnknown()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.SignInBiometricAsync(key);

        Assert.Equal("credential-unknown", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_RevokedKey_IsCredentialRevoked()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("RS256");
        await client.RegisterBiometricKeyAsync(key);
        Assert.True(await Repository.RevokeBiometricKeyAsync(client.User.Id, key.Id, DateTimeOffset.UtcNow, CancellationToken.None));

        var exchange = await client.SignInBiometricAsync(key, optionsBody: new JsonObject { ["username"] = client.User.Username });

        Assert.Empty(exchange.Options["allowKeys"]!.AsArray());
        Assert.Equal("credential-revoked", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_KeyOfARevokedDevice_IsCredentialRevoked()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var deviceKey = SimulatedDeviceKey.Create("ES256");
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.RegisterTiedBiometricKeyAsync(deviceKey, key);
        await client.RevokeDeviceAsync(deviceId);

        var exchange = await client.SignInBiometricAsync(key, (deviceId, deviceKey));

        Assert.Equal("credential-revoked", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task SignIn_MalformedSignature_IsAProblem()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        await client.RegisterBiometricKeyAsync(key);

        var exchange = await client.SignInBiometricAsync(key, editRequest: body => body["signature"] = "%%%");

        Assert.Equal(HttpStatusCode.BadRequest, exchange.Response.StatusCode);
        Assert.Equal("invalid-request", (await exchange.ReadProblemAsync()).Code);
    }
}
