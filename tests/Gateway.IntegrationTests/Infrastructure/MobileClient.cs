using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.Testing;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A mobile app (or any client) following docs/devices.md step by step over HTTP: ask for options, build the client
/// data document, sign its exact bytes with the device or biometric key, send them. Each step can be bent to make the
/// bad requests the gateway must refuse: another type, challenge, origin or id in the document, an edited body.
/// </summary>
public sealed class MobileClient
{
    private readonly GatewayHost _gateway;

    private MobileClient(GatewayHost gateway, UserAccount user, string accessToken, string sessionId)
    {
        _gateway = gateway;
        User = user;
        AccessToken = accessToken;
        SessionId = sessionId;
        Origin = gateway.Options.Devices.Origins[0];
    }

    public UserAccount User { get; }

    /// <summary>The bearer token sent with every request (the app's session); <c>null</c> sends none.</summary>
    public string? AccessToken { get; set; }

    public string SessionId { get; }

    /// <summary>The origin written into client data: the web origin, or the app's id (<c>android:apk-key-hash:…</c>).</summary>
    public string Origin { get; set; }

    /// <summary>A new account in the gateway's repository, signed in with a passkey session of its own.</summary>
    public static async Task<MobileClient> SignInAsync(GatewayHost gateway, string? username = null)
    {
        username ??= UniqueName.For("user");
        var now = gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new UserAccount(TokenIssuer.NewId(), username, username, RandomBytes(32), [], now, Disabled: false);
        Assert.Equal(CreateResult.Created, await gateway.Services.GetRequiredService<ICredentialRepository>().CreateUserAsync(user, CancellationToken.None));
        var identity = new SignInIdentity(user.Id, user.Username, "passkey", ["hwk", "user", "mfa"], TokenIssuer.NewId(), now)
        {
            CredentialId = "passkey-" + user.Id,
            UserVerified = true,
        };
        return new MobileClient(gateway, user, gateway.IssueAccessToken(identity), identity.SessionId);
    }

    /// <summary>A client of an account that signed in already (with a passkey, say), holding that sign-in's access token.</summary>
    public static async Task<MobileClient> ForSignInAsync(GatewayHost gateway, string accessToken)
    {
        var claims = Jwt.ReadPayload(accessToken);
        var user = await gateway.Services.GetRequiredService<ICredentialRepository>().FindUserAsync(claims["sub"]!.GetValue<string>(), CancellationToken.None);
        return new MobileClient(gateway, user!, accessToken, claims["sid"]!.GetValue<string>());
    }

    /// <summary>Step 1 of every ceremony: the options, which must be granted.</summary>
    public async Task<JsonObject> OptionsAsync(string path, JsonObject? body = null)
    {
        using var response = await PostAsync(path, body ?? []);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Step 2: the client data document, UTF-8 JSON, exactly the bytes that get signed.</summary>
    public byte[] ClientData(string type, string challenge, JsonObject ids, Action<JsonObject>? edit = null)
    {
        var document = new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = Origin };
        foreach (var (name, value) in ids)
        {
            document[name] = value?.DeepClone();
        }

        edit?.Invoke(document);
        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    public async Task<HttpResponseMessage> PostAsync(string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _gateway.Options.PathPrefix + path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        return await _gateway.Client.SendAsync(request);
    }

    /// <summary>
    /// Binds <paramref name="key"/>: options, a <c>device.bind</c> document naming the key alias, the key's signature,
    /// the binding request. <paramref name="editClientData"/> and <paramref name="editRequest"/> bend the steps.
    /// </summary>
    public async Task<Exchange> BindAsync(SimulatedDeviceKey key, Action<JsonObject>? editClientData = null, Action<JsonObject>? editRequest = null, string? deviceKeyId = null)
    {
        var options = await OptionsAsync("/devices/binding/options");
        deviceKeyId ??= key.Id;
        var clientData = ClientData("device.bind", Challenge(options), new JsonObject { ["deviceKeyId"] = deviceKeyId }, editClientData);
        var body = new JsonObject
        {
            ["deviceKeyId"] = deviceKeyId,
            ["publicKey"] = key.PublicKeyBase64Url,
            ["algorithm"] = key.Algorithm,
            ["signatureFormat"] = key.SignatureFormat,
            ["name"] = "Test phone",
            ["platform"] = "android",
            ["clientData"] = Base64UrlEncoder.Encode(clientData),
            ["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData)),
        };
        editRequest?.Invoke(body);
        return new Exchange(await PostAsync("/devices/binding", body), body, options);
    }

    /// <summary>Binds <paramref name="key"/> and answers the device id the gateway assigned.</summary>
    public async Task<string> BindDeviceAsync(SimulatedDeviceKey key)
    {
        var exchange = await BindAsync(key);
        var answer = await exchange.ReadJsonAsync(HttpStatusCode.Created);
        return answer["deviceId"]!.GetValue<string>();
    }

    /// <summary>
    /// Binds <paramref name="key"/> and proves it, as docs/devices.md's flow does: answers the device id and the raised
    /// token carrying it as <c>device_id</c>.
    /// </summary>
    public async Task<(string DeviceId, string Token)> BindAndVerifyDeviceAsync(SimulatedDeviceKey key)
    {
        var deviceId = await BindDeviceAsync(key);
        var answer = await (await VerifyAsync(deviceId, key)).ReadJsonAsync();
        return (deviceId, answer["token"]!.GetValue<string>());
    }

    /// <summary>The known-device check: options for the device, a signed <c>device.verify</c> document.</summary>
    public async Task<Exchange> VerifyAsync(string deviceId, SimulatedDeviceKey key, Action<JsonObject>? editClientData = null, Action<JsonObject>? editRequest = null)
    {
        var options = await OptionsAsync("/devices/verification/options", new JsonObject { ["deviceId"] = deviceId });
        var clientData = ClientData("device.verify", Challenge(options), new JsonObject { ["deviceId"] = deviceId }, editClientData);
        var body = new JsonObject
        {
            ["deviceId"] = deviceId,
            ["clientData"] = Base64UrlEncoder.Encode(clientData),
            ["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData)),
        };
        editRequest?.Invoke(body);
        return new Exchange(await PostAsync("/devices/verification", body), body, options);
    }

    /// <summary>
    /// Registers a biometric key for the signed-in user, tied to <paramref name="device"/> when given: the device key
    /// countersigns the same client data bytes.
    /// </summary>
    public async Task<Exchange> RegisterBiometricAsync(
        SimulatedDeviceKey key,
        (string DeviceId, SimulatedDeviceKey Key)? device = null,
        Action<JsonObject>? editClientData = null,
        Action<JsonObject>? editRequest = null)
    {
        var options = await OptionsAsync("/biometrics/registration/options");
        var ids = new JsonObject { ["keyId"] = key.Id };
        if (device is { } tie)
        {
            ids["deviceId"] = tie.DeviceId;
        }

        var clientData = ClientData("biometric.register", Challenge(options), ids, editClientData);
        var body = new JsonObject
        {
            ["keyId"] = key.Id,
            ["publicKey"] = key.PublicKeyBase64Url,
            ["algorithm"] = key.Algorithm,
            ["signatureFormat"] = key.SignatureFormat,
            ["clientData"] = Base64UrlEncoder.Encode(clientData),
            ["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData)),
        };
        if (device is { } countersigner)
        {
            body["deviceId"] = countersigner.DeviceId;
            body["deviceSignature"] = Base64UrlEncoder.Encode(countersigner.Key.Sign(clientData));
        }

        editRequest?.Invoke(body);
        return new Exchange(await PostAsync("/biometrics/registration", body), body, options);
    }

    /// <summary>Registers <paramref name="key"/> (tied to <paramref name="device"/> when given), which must succeed.</summary>
    public async Task RegisterBiometricKeyAsync(SimulatedDeviceKey key, (string DeviceId, SimulatedDeviceKey Key)? device = null)
    {
        var answer = await (await RegisterBiometricAsync(key, device)).ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(key.Id, answer["keyId"]!.GetValue<string>());
    }

    /// <summary>Binds <paramref name="deviceKey"/> and registers <paramref name="key"/> tied to it; answers the device id.</summary>
    public async Task<string> RegisterTiedBiometricKeyAsync(SimulatedDeviceKey deviceKey, SimulatedDeviceKey key)
    {
        var deviceId = await BindDeviceAsync(deviceKey);
        await RegisterBiometricKeyAsync(key, (deviceId, deviceKey));
        return deviceId;
    }

    /// <summary>
    /// A biometric sign-in: options for <paramref name="optionsBody"/> (<c>{ username }</c> or <c>{ keyId }</c>; by
    /// default the key's), a signed <c>biometric.authenticate</c> document, countersigned by <paramref name="device"/>
    /// when given. Sent without the session: a sign-in needs none.
    /// </summary>
    public async Task<Exchange> SignInBiometricAsync(
        SimulatedDeviceKey key,
        (string DeviceId, SimulatedDeviceKey Key)? device = null,
        JsonObject? optionsBody = null,
        Action<JsonObject>? editClientData = null,
        Action<JsonObject>? editRequest = null)
    {
        var session = AccessToken;
        AccessToken = null;
        try
        {
            var options = await OptionsAsync("/biometrics/authentication/options", optionsBody ?? new JsonObject { ["keyId"] = key.Id });
            var ids = new JsonObject { ["keyId"] = key.Id };
            if (device is { } countersigner)
            {
                ids["deviceId"] = countersigner.DeviceId;
            }

            var clientData = ClientData("biometric.authenticate", Challenge(options), ids, editClientData);
            var body = new JsonObject
            {
                ["keyId"] = key.Id,
                ["clientData"] = Base64UrlEncoder.Encode(clientData),
                ["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData)),
            };
            if (device is { } signer)
            {
                body["deviceId"] = signer.DeviceId;
                body["deviceSignature"] = Base64UrlEncoder.Encode(signer.Key.Sign(clientData));
            }

            editRequest?.Invoke(body);
            return new Exchange(await PostAsync("/biometrics/authentication", body), body, options);
        }
        finally
        {
            AccessToken = session;
        }
    }

    /// <summary>
    /// Revokes one of this user's devices as the admin API does: in the repository (the device and the keys tied to
    /// it, in one transaction), then in the revocation list (every token carrying its <c>device_id</c>).
    /// </summary>
    public async Task RevokeDeviceAsync(string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        var revoked = await _gateway.Services.GetRequiredService<ICredentialRepository>().RevokeDeviceAsync(User.Id, deviceId, now, CancellationToken.None);
        Assert.NotNull(revoked);
        await _gateway.Services.GetRequiredService<IRevocationList>().RevokeAsync(new Revocation(RevocationKind.Device, deviceId, now, now.AddHours(8)), CancellationToken.None);
    }

    /// <summary>A GET through the gateway with this client's token (a route behind a policy).</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if ((token ?? AccessToken) is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _gateway.Client.SendAsync(request);
    }

    public static string Challenge(JsonObject options) => options["challenge"]!.GetValue<string>();

    private static byte[] RandomBytes(int length) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);

    /// <summary>One ceremony step as sent and answered: the response, the body sent, the options it answered.</summary>
    public sealed record Exchange(HttpResponseMessage Response, JsonObject Body, JsonObject Options)
    {
        public async Task<JsonObject> ReadJsonAsync(HttpStatusCode expected = HttpStatusCode.OK)
        {
            var text = await Response.Content.ReadAsStringAsync();
            Assert.True(Response.StatusCode == expected, $"expected {(int)expected}, got {(int)Response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }

        public async Task<ProblemResponse> ReadProblemAsync() => await ProblemResponse.ReadAsync(Response);
    }
}
