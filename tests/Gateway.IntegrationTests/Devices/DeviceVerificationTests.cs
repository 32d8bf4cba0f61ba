using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Devices;

/// <summary>
/// The known-device check, <c>POST /.auth/devices/verification/options</c> → <c>/.auth/devices/verification</c>
/// (issue 6 items 2, 4, 5): it raises the caller's session with <c>device_id</c>, and only a bound, unrevoked device
/// of the same user can make it.
/// </summary>
public sealed class DeviceVerificationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    [Theory]
    [MemberData(nameof(SimulatedDeviceKey.KindNames), MemberType = typeof(SimulatedDeviceKey))]
    public async Task Verification_EachKeyKind_RaisesTheSessionWithDeviceId(string kind)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.CreateKind(kind);
        var deviceId = await client.BindDeviceAsync(key);
        var before = Jwt.ReadPayload(client.AccessToken!);

        var exchange = await client.VerifyAsync(deviceId, key);

        var answer = await exchange.ReadJsonAsync();
        var raised = Jwt.ReadPayload(answer["token"]!.GetValue<string>());
        Assert.Equal(deviceId, raised["device_id"]!.GetValue<string>());
        foreach (var claim in new[] { "sub", "sid", "auth_time", "auth_method", "cred_id", "preferred_username", "uv" })
        {
            Assert.Equal(before[claim]!.ToJsonString(), raised[claim]!.ToJsonString());
        }

        Assert.Equal(before["amr"]!.ToJsonString(), raised["amr"]!.ToJsonString());
        Assert.Equal(client.User.Id, answer["user"]!["id"]!.GetValue<string>());
        Assert.Contains(exchange.Response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("gateway=", StringComparison.Ordinal));
        var device = await Repository.FindDeviceAsync(deviceId, CancellationToken.None);
        Assert.NotNull(device!.LastUsedAt);
    }

    [Fact]
    public async Task KnownDeviceRoute_IsDeniedBeforeVerificationAndAllowedAfter()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);

        using var before = await client.GetAsync("/known-device/page");
        var answer = await (await client.VerifyAsync(deviceId, key)).ReadJsonAsync();
        using var after = await client.GetAsync("/known-device/page", answer["token"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var echoed = await EchoedRequest.ReadAsync(after);
        Assert.Equal([deviceId], echoed.Header("X-Device-Id"));
    }

    [Fact]
    public async Task KnownDeviceRoute_IsAllowedWithTheRaisedSessionCookie()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("RS256");
        var deviceId = await client.BindDeviceAsync(key);
        var exchange = await client.VerifyAsync(deviceId, key);
        var cookie = exchange.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gateway=", StringComparison.Ordinal)).Split(';')[0];

        using var request = new HttpRequestMessage(HttpMethod.Get, "/known-device/page");
        request.Headers.Add("Cookie", cookie);
        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task VerificationOptions_DeviceOfAnotherUser_IsDeviceUnknown()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var bob = await MobileClient.SignInAsync(Gateway);
        using var bobsKey = SimulatedDeviceKey.Create("ES256");
        var bobsDevice = await bob.BindDeviceAsync(bobsKey);

        using var response = await alice.PostAsync("/devices/verification/options", new JsonObject { ["deviceId"] = bobsDevice });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("device-unknown", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Verification_OwnChallengeAnsweredForAnotherUsersDevice_IsRefused()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var bob = await MobileClient.SignInAsync(Gateway);
        using var aliceKey = SimulatedDeviceKey.Create("ES256");
        using var bobsKey = SimulatedDeviceKey.Create("ES256");
        var aliceDevice = await alice.BindDeviceAsync(aliceKey);
        var bobsDevice = await bob.BindDeviceAsync(bobsKey);

        // Alice's own challenge, but the request and the document name Bob's device, signed with Bob's key.
        var exchange = await alice.VerifyAsync(aliceDevice, bobsKey, editClientData: d => d["deviceId"] = bobsDevice, editRequest: b => b["deviceId"] = bobsDevice);

        Assert.Equal("client-data-mismatch", (await exchange.ReadProblemAsync()).Code);
        Assert.Null((await Repository.FindDeviceAsync(bobsDevice, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task Verification_ChallengeOfAnotherSession_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        var otherSession = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        var challenge = MobileClient.Challenge(await client.OptionsAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId }));

        // Another user's session sends the first one's challenge, correctly signed by the device.
        var clientData = client.ClientData("device.verify", challenge, new JsonObject { ["deviceId"] = deviceId });
        using var response = await otherSession.PostAsync("/devices/verification", new JsonObject
        {
            ["deviceId"] = deviceId,
            ["clientData"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(clientData),
            ["signature"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Sign(clientData)),
        });

        Assert.Equal("challenge-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Verification_WrongOrigin_IsRefusedAndNotRecorded()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);

        var exchange = await client.VerifyAsync(deviceId, key, editClientData: d => d["origin"] = "http://localhost:1");

        Assert.Equal("origin-mismatch", (await exchange.ReadProblemAsync()).Code);
        Assert.Null((await Repository.FindDeviceAsync(deviceId, CancellationToken.None))!.LastUsedAt);
    }

    [Fact]
    public async Task Verification_SignatureOfAnotherKey_IsSignatureInvalid()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        using var impostor = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);

        var exchange = await client.VerifyAsync(deviceId, impostor);

        Assert.Equal(HttpStatusCode.Unauthorized, exchange.Response.StatusCode);
        Assert.Equal("signature-invalid", (await exchange.ReadProblemAsync()).Code);
    }

    [Fact]
    public async Task Verification_RevokedDevice_NeverVerifiesAndItsRaisedTokensStop()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        var raisedToken = (await (await client.VerifyAsync(deviceId, key)).ReadJsonAsync())["token"]!.GetValue<string>();
        var pendingChallenge = MobileClient.Challenge(await client.OptionsAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId }));

        await client.RevokeDeviceAsync(deviceId);

        using var options = await client.PostAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId });
        Assert.Equal("device-revoked", (await ProblemResponse.ReadAsync(options)).Code);
        var clientData = client.ClientData("device.verify", pendingChallenge, new JsonObject { ["deviceId"] = deviceId });
        using var verification = await client.PostAsync("/devices/verification", new JsonObject
        {
            ["deviceId"] = deviceId,
            ["clientData"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(clientData),
            ["signature"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Sign(clientData)),
        });
        Assert.Equal("device-revoked", (await ProblemResponse.ReadAsync(verification)).Code);
        using var route = await client.GetAsync("/known-device/page", raisedToken);
        Assert.Equal(HttpStatusCode.Unauthorized, route.StatusCode);
        Assert.Equal("device-revoked", (await ProblemResponse.ReadAsync(route)).Code);
    }

    [Fact]
    public async Task Verification_RevokedDeviceKeyId_CanBeBoundAgainAsANewDevice()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var first = await client.BindDeviceAsync(key);
        await client.RevokeDeviceAsync(first);

        var second = await client.BindDeviceAsync(key);

        Assert.NotEqual(first, second);
        await (await client.VerifyAsync(second, key)).ReadJsonAsync();
    }

    [Fact]
    public async Task Verification_ExternalOrSessionlessCaller_IsAuthenticationRequired()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        client.AccessToken = "not-a-token";

        using var response = await client.PostAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Ceremonies_AreAuditedWithTheUserAndOutcome()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        await (await client.VerifyAsync(deviceId, key)).ReadJsonAsync();
        await (await client.VerifyAsync(deviceId, key, editClientData: d => d["origin"] = "https://evil.example")).ReadProblemAsync();

        var page = await Repository.ReadAuditAsync(client.User.Id, beforeId: null, limit: 20, CancellationToken.None);

        var trail = page.Records.Select(r => $"{r.Entry.Event}:{r.Entry.Outcome}").Reverse().ToList();
        // Finishes only: options change nothing, and auditing them let anonymous floods fill the disk.
        Assert.Equal(["device_binding:success", "device_verification:success", "device_verification:origin-mismatch"], trail);
    }

    [Fact]
    public async Task DeviceScript_IsServedAsJavaScript()
    {
        using var response = await Gateway.Client.GetAsync("/.auth/device.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("window.PasskeyGatewayDevice", script, StringComparison.Ordinal);
        Assert.Contains("\"device.verify\"", script, StringComparison.Ordinal);
    }
}
