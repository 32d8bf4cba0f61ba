using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Devices;

/// <summary>
/// <c>POST /.auth/devices/binding/options</c> → <c>/.auth/devices/binding</c> (issue 6 items 1, 4, 5): every key kind
/// mobile platforms and browsers make binds; every malformed or misdirected request is a 4xx problem and stores nothing.
/// </summary>
public sealed class DeviceBindingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    [Theory]
    [MemberData(nameof(SimulatedDeviceKey.KindNames), MemberType = typeof(SimulatedDeviceKey))]
    public async Task Binding_EachKeyKind_Answers201AndStoresTheDevice(string kind)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.CreateKind(kind);

        var exchange = await client.BindAsync(key);

        var answer = await exchange.ReadJsonAsync(HttpStatusCode.Created);
        var deviceId = answer["deviceId"]!.GetValue<string>();
        var device = await Repository.FindDeviceAsync(deviceId, CancellationToken.None);
        Assert.NotNull(device);
        Assert.Equal(client.User.Id, device.UserId);
        Assert.Equal(key.Id, device.DeviceKeyId);
        Assert.Equal(key.Algorithm, device.Algorithm.ToString());
        Assert.Equal(key.SignatureFormat == "raw" ? SignatureFormat.Raw : SignatureFormat.Der, device.SignatureFormat);
        Assert.Equal(key.PublicKey, device.PublicKey.ToArray());
        Assert.Equal("Test phone", device.Name);
        Assert.Equal("android", device.Platform);
        Assert.NotEqual(key.Id, deviceId);
    }

    [Fact]
    public async Task BindingOptions_AnswerAChallengeAndItsExpiry()
    {
        var client = await MobileClient.SignInAsync(Gateway);

        var options = await client.OptionsAsync("/devices/binding/options");

        Assert.Equal(43, MobileClient.Challenge(options).Length);
        var expiresAt = DateTimeOffset.Parse(options["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Binding_WithoutASession_Is401()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        client.AccessToken = null;

        using var response = await client.PostAsync("/devices/binding/options", []);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication-required", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Binding_DeviceKeyIdTakenByTheUser_Is409()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var first = SimulatedDeviceKey.Create("ES256");
        using var second = SimulatedDeviceKey.Create("ES256");
        await client.BindDeviceAsync(first);

        var exchange = await client.BindAsync(second, deviceKeyId: first.Id);

        Assert.Equal("device-exists", (await exchange.ReadProblemAsync()).Code);
        Assert.Equal(HttpStatusCode.Conflict, exchange.Response.StatusCode);
        Assert.Single(await Repository.ListDevicesAsync(client.User.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Binding_SameDeviceKeyIdForAnotherUser_IsAllowed()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var bob = await MobileClient.SignInAsync(Gateway);
        using var aliceKey = SimulatedDeviceKey.Create("ES256");
        using var bobKey = SimulatedDeviceKey.Create("ES256");
        await alice.BindDeviceAsync(aliceKey);

        var exchange = await bob.BindAsync(bobKey, deviceKeyId: aliceKey.Id);

        await exchange.ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Binding_ChallengeOfAnotherSession_IsRefused()
    {
        var alice = await MobileClient.SignInAsync(Gateway);
        var mallory = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var alicesChallenge = MobileClient.Challenge(await alice.OptionsAsync("/devices/binding/options"));

        var exchange = await mallory.BindAsync(key, editClientData: document => document["challenge"] = alicesChallenge);

        Assert.Equal("challenge-invalid", (await exchange.ReadProblemAsync()).Code);
        await AssertNoDevicesAsync(mallory, alice);
    }

    public static TheoryData<string, string> BentClientData => new()
    {
        // what is bent, expected problem code
        { "type:device.verify", "client-data-type-mismatch" },
        { "type:webauthn.create", "client-data-type-mismatch" },
        { "challenge:random", "challenge-invalid" },
        { "challenge:missing", "client-data-invalid" },
        { "origin:https://evil.example", "origin-mismatch" },
        { "origin:android:apk-key-hash:not-configured", "origin-mismatch" },
        { "deviceKeyId:another", "client-data-mismatch" },
        { "deviceKeyId:missing", "client-data-mismatch" },
        { "duplicate-type", "client-data-invalid" },
    };

    [Theory]
    [MemberData(nameof(BentClientData))]
    public async Task Binding_ClientDataNotOfThisCeremony_IsRefusedAndStoresNothing(string bend, string expected)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");

        var exchange = bend == "duplicate-type"
            ? await BindWithRawClientDataAsync(client, key, challenge => $"{{\"type\":\"device.bind\",\"type\":\"device.verify\",\"challenge\":\"{challenge}\",\"origin\":\"{client.Origin}\",\"deviceKeyId\":\"{key.Id}\"}}")
            : await client.BindAsync(key, editClientData: document => Bend(document, bend));

        var problem = await exchange.ReadProblemAsync();
        Assert.Equal(expected, problem.Code);
        Assert.Equal(HttpStatusCode.BadRequest, exchange.Response.StatusCode);
        await AssertNoDevicesAsync(client);
    }

    public static TheoryData<string, string, HttpStatusCode> BentRequests => new()
    {
        // what is bent, expected problem code, status
        { "publicKey:garbage", "key-invalid", HttpStatusCode.BadRequest },
        { "publicKey:truncated", "key-invalid", HttpStatusCode.BadRequest },
        { "publicKey:trailing", "key-invalid", HttpStatusCode.BadRequest },
        { "publicKey:rsa-for-es256", "key-invalid", HttpStatusCode.BadRequest },
        { "publicKey:not-base64url", "invalid-request", HttpStatusCode.BadRequest },
        { "publicKey:padded", "invalid-request", HttpStatusCode.BadRequest },
        { "publicKey:missing", "invalid-request", HttpStatusCode.BadRequest },
        { "signature:not-base64url", "invalid-request", HttpStatusCode.BadRequest },
        { "signature:garbage", "signature-invalid", HttpStatusCode.Unauthorized },
        { "signature:flipped", "signature-invalid", HttpStatusCode.Unauthorized },
        { "signature:raw-for-der", "signature-invalid", HttpStatusCode.Unauthorized },
        { "signature:other-key", "signature-invalid", HttpStatusCode.Unauthorized },
        { "clientData:not-base64url", "invalid-request", HttpStatusCode.BadRequest },
        { "clientData:not-json", "client-data-invalid", HttpStatusCode.BadRequest },
        { "clientData:array", "client-data-invalid", HttpStatusCode.BadRequest },
        { "clientData:not-utf8", "client-data-invalid", HttpStatusCode.BadRequest },
        { "algorithm:ES384", "algorithm-not-allowed", HttpStatusCode.BadRequest },
        { "algorithm:es256", "algorithm-not-allowed", HttpStatusCode.BadRequest },
        { "algorithm:missing", "algorithm-not-allowed", HttpStatusCode.BadRequest },
        { "signatureFormat:pem", "invalid-request", HttpStatusCode.BadRequest },
        { "deviceKeyId:missing", "invalid-request", HttpStatusCode.BadRequest },
        { "deviceKeyId:control", "invalid-request", HttpStatusCode.BadRequest },
        { "deviceKeyId:too-long", "invalid-request", HttpStatusCode.BadRequest },
        { "name:too-long", "invalid-request", HttpStatusCode.BadRequest },
        { "deviceKeyId:number", "invalid-request", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BentRequests))]
    public async Task Binding_MalformedRequest_IsAProblemAndStoresNothing(string bend, string expected, HttpStatusCode status)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        using var rsa = SimulatedDeviceKey.Create("RS256");
        using var other = SimulatedDeviceKey.Create("ES256");

        var exchange = await client.BindAsync(key, editRequest: body => BendRequest(body, bend, key, rsa, other));

        var problem = await exchange.ReadProblemAsync();
        Assert.Equal(expected, problem.Code);
        Assert.Equal(status, exchange.Response.StatusCode);
        await AssertNoDevicesAsync(client);
    }

    [Fact]
    public async Task Binding_RawSignatureFormatForRsa_IsRefused()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("RS256");

        var exchange = await client.BindAsync(key, editRequest: body => body["signatureFormat"] = "raw");

        Assert.Equal("invalid-request", (await exchange.ReadProblemAsync()).Code);
        await AssertNoDevicesAsync(client);
    }

    [Fact]
    public async Task Binding_SignatureFormatOmittedForEs256_DefaultsToDer()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("ES256", "der");

        var exchange = await client.BindAsync(key, editRequest: body => body.Remove("signatureFormat"));

        var deviceId = (await exchange.ReadJsonAsync(HttpStatusCode.Created))["deviceId"]!.GetValue<string>();
        Assert.Equal(SignatureFormat.Der, (await Repository.FindDeviceAsync(deviceId, CancellationToken.None))!.SignatureFormat);
    }

    public static TheoryData<string> RefusedKeys => ["rsa-1024", "rsa-exponent-3", "rsa-8192", "p-384", "p-521"];

    [Theory]
    [MemberData(nameof(RefusedKeys))]
    public async Task Binding_KeyOutsideTheRules_IsKeyNotAllowed(string kind)
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = kind switch
        {
            "rsa-1024" => SimulatedDeviceKey.Create("RS256", rsaBits: 1024),
            "rsa-exponent-3" or "rsa-8192" => SimulatedDeviceKey.Create("RS256"),
            "p-384" => SimulatedDeviceKey.CreateEc(ECCurve.NamedCurves.nistP384),
            _ => SimulatedDeviceKey.CreateEc(ECCurve.NamedCurves.nistP521),
        };

        var exchange = await client.BindAsync(key, editRequest: body =>
        {
            // Platforms never make these two; a crafted client can (the modulus need not even be a real key's).
            if (kind == "rsa-exponent-3")
            {
                body["publicKey"] = Base64UrlEncoder.Encode(SimulatedDeviceKey.RsaPublicKey(key.RsaModulus, [3]));
            }
            else if (kind == "rsa-8192")
            {
                body["publicKey"] = Base64UrlEncoder.Encode(SimulatedDeviceKey.RsaPublicKey([0xc0, .. RandomNumberGenerator.GetBytes(1022), 0x01], [1, 0, 1]));
            }
        });

        var problem = await exchange.ReadProblemAsync();
        Assert.Equal("key-not-allowed", problem.Code);
        Assert.Equal(HttpStatusCode.BadRequest, exchange.Response.StatusCode);
        await AssertNoDevicesAsync(client);
    }

    [Fact]
    public async Task Binding_Rsa4096_IsAccepted()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var key = SimulatedDeviceKey.Create("PS256", rsaBits: 4096);

        var exchange = await client.BindAsync(key);

        await exchange.ReadJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Binding_BodyNotJson_IsInvalidRequest()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/devices/binding")
        {
            Content = new StringContent("{\"deviceKeyId\": ", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", client.AccessToken);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(response)).Code);
        await AssertNoDevicesAsync(client);
    }

    [Fact]
    public async Task BindingOptions_FormBody_IsUnsupportedMediaType()
    {
        var client = await MobileClient.SignInAsync(Gateway);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/devices/binding/options") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", client.AccessToken);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported-media-type", (await ProblemResponse.ReadAsync(response)).Code);
    }

    private static void Bend(JsonObject document, string bend)
    {
        var (member, value) = (bend[..bend.IndexOf(':', StringComparison.Ordinal)], bend[(bend.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        if (value == "missing")
        {
            document.Remove(member);
            return;
        }

        document[member] = member == "challenge" && value == "random" ? Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)) : value;
    }

    private static void BendRequest(JsonObject body, string bend, SimulatedDeviceKey key, SimulatedDeviceKey rsa, SimulatedDeviceKey other)
    {
        var member = bend[..bend.IndexOf(':', StringComparison.Ordinal)];
        var current = body[member]?.GetValue<string>();
        var clientData = Base64UrlEncoder.DecodeBytes(body["clientData"]!.GetValue<string>());
        body[member] = bend switch
        {
            "publicKey:garbage" => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(91)),
            "publicKey:truncated" => Base64UrlEncoder.Encode(Base64UrlEncoder.DecodeBytes(current)[..40]),
            "publicKey:trailing" => Base64UrlEncoder.Encode([.. Base64UrlEncoder.DecodeBytes(current), 0]),
            "publicKey:rsa-for-es256" => rsa.PublicKeyBase64Url,
            "publicKey:padded" => current + "==",
            "signature:garbage" => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(72)),
            "signature:flipped" => Flip(current!),
            "signature:raw-for-der" => Base64UrlEncoder.Encode(key.Sign(clientData, "raw")),
            "signature:other-key" => Base64UrlEncoder.Encode(other.Sign(clientData)),
            "clientData:not-json" => Base64UrlEncoder.Encode("not json"u8.ToArray()),
            "clientData:array" => Base64UrlEncoder.Encode("[\"device.bind\"]"u8.ToArray()),
            "clientData:not-utf8" => Base64UrlEncoder.Encode([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
            "deviceKeyId:control" => "key\u0001id",
            "deviceKeyId:too-long" => new string('k', 129),
            "deviceKeyId:number" => 42,
            "name:too-long" => new string('n', 65),
            _ when bend.EndsWith(":missing", StringComparison.Ordinal) => null,
            _ when bend.EndsWith(":not-base64url", StringComparison.Ordinal) => current![..10] + "+/" + current[12..],
            _ => bend[(member.Length + 1)..],
        };
    }

    private static string Flip(string base64Url)
    {
        var bytes = Base64UrlEncoder.DecodeBytes(base64Url);
        bytes[^1] ^= 0x01;
        return Base64UrlEncoder.Encode(bytes);
    }

    /// <summary>Binds with a client data document written by hand (members JSON writers never produce, like duplicates).</summary>
    private static async Task<MobileClient.Exchange> BindWithRawClientDataAsync(MobileClient client, SimulatedDeviceKey key, Func<string, string> document)
    {
        var options = await client.OptionsAsync("/devices/binding/options");
        var clientData = Encoding.UTF8.GetBytes(document(MobileClient.Challenge(options)));
        var body = new JsonObject
        {
            ["deviceKeyId"] = key.Id,
            ["publicKey"] = key.PublicKeyBase64Url,
            ["algorithm"] = key.Algorithm,
            ["clientData"] = Base64UrlEncoder.Encode(clientData),
            ["signature"] = Base64UrlEncoder.Encode(key.Sign(clientData)),
        };
        return new MobileClient.Exchange(await client.PostAsync("/devices/binding", body), body, options);
    }

    private async Task AssertNoDevicesAsync(params MobileClient[] clients)
    {
        foreach (var client in clients)
        {
            Assert.Empty(await Repository.ListDevicesAsync(client.User.Id, CancellationToken.None));
        }
    }
}
