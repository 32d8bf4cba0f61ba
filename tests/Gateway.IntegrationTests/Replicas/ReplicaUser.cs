using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// One person behind the load balancer: one authenticator and one cookie jar, whose requests land on either replica
/// (cookies are scoped by host, not port, so both replicas see the session cookie, as behind one origin).
/// </summary>
public sealed class ReplicaUser : IDisposable
{
    public ReplicaUser(ReplicaPair replicas, string username)
    {
        Username = username;
        Authenticator = ReplicaPair.NewAuthenticator();
        var cookies = new CookieContainer();
        OnA = new PasskeyClient(replicas.A.Address, Authenticator, cookies);
        OnB = new PasskeyClient(replicas.B.Address, Authenticator, cookies);
    }

    public string Username { get; }

    public SoftwareAuthenticator Authenticator { get; }

    public PasskeyClient OnA { get; }

    public PasskeyClient OnB { get; }

    /// <summary>Creates the account on replica A (and signs in there); returns the sign-in token.</summary>
    public async Task<string> RegisterAsync() =>
        await PasskeyClient.ReadTokenAsync(await OnA.RegisterAsync(Username), HttpStatusCode.Created);

    /// <summary>Signs in on replica A with the user's passkey; returns the token of the new session.</summary>
    public async Task<string> SignInAsync() =>
        await PasskeyClient.ReadTokenAsync(await OnA.SignInAsync(Username), HttpStatusCode.OK);

    /// <summary>The user's device key (as an Android Keystore or Secure Enclave key signs: ES256, DER).</summary>
    public SimulatedDeviceKey DeviceKey { get; } = SimulatedDeviceKey.Create("ES256");

    /// <summary>The user's biometric key, not tied to a device.</summary>
    public SimulatedDeviceKey BiometricKey { get; } = SimulatedDeviceKey.Create("ES256");

    /// <summary>Set once <see cref="BindDeviceAsync"/> has bound <see cref="DeviceKey"/>.</summary>
    public string? DeviceId { get; private set; }

    /// <summary>Binds <see cref="DeviceKey"/> on replica A (the user must be signed in).</summary>
    public async Task BindDeviceAsync()
    {
        var options = await OnA.OptionsAsync("/.auth/devices/binding/options", new JsonObject());
        using var bound = await OnA.PostJsonAsync("/.auth/devices/binding", DeviceBinding(options));
        DeviceId = (await PasskeyClient.ReadJsonAsync(bound))["deviceId"]!.GetValue<string>();
    }

    /// <summary>Proves <see cref="DeviceKey"/> on replica A (bound already); returns the device token.</summary>
    public async Task<string> VerifyDeviceAsync()
    {
        var options = await OnA.OptionsAsync("/.auth/devices/verification/options", new JsonObject { ["deviceId"] = DeviceId });
        return await PasskeyClient.ReadTokenAsync(await OnA.PostJsonAsync("/.auth/devices/verification", DeviceVerification(options)), HttpStatusCode.OK);
    }

    /// <summary>Registers <see cref="BiometricKey"/> on replica A (the user must be signed in).</summary>
    public async Task RegisterBiometricKeyAsync()
    {
        var options = await OnA.OptionsAsync("/.auth/biometrics/registration/options", new JsonObject());
        using var registered = await OnA.PostJsonAsync("/.auth/biometrics/registration", BiometricRegistration(options));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    public JsonObject DeviceBinding(JsonNode options) => Signed(DeviceKey, "device.bind", options, new JsonObject { ["deviceKeyId"] = DeviceKey.Id }, new JsonObject
    {
        ["deviceKeyId"] = DeviceKey.Id,
        ["publicKey"] = DeviceKey.PublicKeyBase64Url,
        ["algorithm"] = DeviceKey.Algorithm,
        ["signatureFormat"] = DeviceKey.SignatureFormat,
        ["name"] = "Replica test phone",
        ["platform"] = "android",
    });

    public JsonObject DeviceVerification(JsonNode options) =>
        Signed(DeviceKey, "device.verify", options, new JsonObject { ["deviceId"] = DeviceId }, new JsonObject { ["deviceId"] = DeviceId });

    public JsonObject BiometricRegistration(JsonNode options) => Signed(BiometricKey, "biometric.register", options, new JsonObject { ["keyId"] = BiometricKey.Id }, new JsonObject
    {
        ["keyId"] = BiometricKey.Id,
        ["publicKey"] = BiometricKey.PublicKeyBase64Url,
        ["algorithm"] = BiometricKey.Algorithm,
        ["signatureFormat"] = BiometricKey.SignatureFormat,
    });

    public JsonObject BiometricAuthentication(JsonNode options) =>
        Signed(BiometricKey, "biometric.authenticate", options, new JsonObject { ["keyId"] = BiometricKey.Id }, new JsonObject { ["keyId"] = BiometricKey.Id });

    public void Dispose()
    {
        OnA.Dispose();
        OnB.Dispose();
        DeviceKey.Dispose();
        BiometricKey.Dispose();
    }

    /// <summary>DESIGN.md §4: the key signs the exact client-data bytes (type, challenge, origin, the ids), sent base64url.</summary>
    private static JsonObject Signed(SimulatedDeviceKey key, string type, JsonNode options, JsonObject ids, JsonObject request)
    {
        var document = new JsonObject { ["type"] = type, ["challenge"] = options["challenge"]!.GetValue<string>(), ["origin"] = ReplicaPair.Origin };
        foreach (var (name, value) in ids)
        {
            document[name] = value?.DeepClone();
        }

        var clientData = Encoding.UTF8.GetBytes(document.ToJsonString());
        request["clientData"] = Base64UrlEncoder.Encode(clientData);
        request["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData));
        return request;
    }
}
