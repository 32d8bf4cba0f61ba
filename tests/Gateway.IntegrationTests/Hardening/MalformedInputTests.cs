using System.Formats.Cbor;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// Client errors an outside test answered with 500 (and logged as errors): each is now a 4xx problem, nothing is
/// stored, and the class behind each — a parser throwing what its guard did not catch — is closed, not the instance.
/// </summary>
public sealed class MalformedInputTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private ICredentialRepository Repository => Gateway.Services.GetRequiredService<ICredentialRepository>();

    /// <summary>Five dot-separated segments read as a JWE compact form; segments that are not base64url made it throw.</summary>
    public static TheoryData<string> FiveSegmentTokens => new()
    {
        Segment("""{"alg":"none"}""") + ".a.b.c.d",
        Segment("""{"alg":"RSA-OAEP","enc":"A256GCM"}""") + ".a.b.c.d",
        Segment("""{"alg":"RSA-OAEP","enc":"A256GCM"}""") + ".@@.@@.@@.@@",
        Segment("""{"alg":"ES256"}""") + ".e30.e30.e30.e30",
        "a.b.c.d.e",
        "....",
        Segment("""{"alg":"ES256"}""") + "." + Segment("[1,2") + ".sig",
        Segment("""{"alg":"ES256","kid":"k"}""") + "." + Segment("""{"iss":5}""") + ".sig",
    };

    [Theory]
    [MemberData(nameof(FiveSegmentTokens))]
    public async Task MalformedToken_AsBearer_Is401TokenMalformed(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("token-", (await ProblemResponse.ReadAsync(response)).Code, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(FiveSegmentTokens))]
    public async Task MalformedToken_InTheSessionCookie_Is401(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.TryAddWithoutValidation("Cookie", $"{Gateway.Options.Session.CookieName}={token}");

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("token-", (await ProblemResponse.ReadAsync(response)).Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasskeySignIn_ClientDataWithInvalidUtf8InAString_Is400()
    {
        using var client = new PasskeyClient(Gateway);
        (await client.RegisterAsync(UniqueName.For("utf8"))).Dispose();
        var options = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject());
        var assertion = client.Authenticator.Get(options);
        assertion["response"]!["clientDataJSON"] = Base64UrlEncoder.Encode(InvalidUtf8ClientData("webauthn.get", options["challenge"]!.GetValue<string>()));

        using var response = await client.PostJsonAsync("/.auth/passkeys/authentication", assertion);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("credential-malformed", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task BiometricSignIn_ClientDataWithInvalidUtf8InAString_Is400()
    {
        var options = await PostJsonAsync("/.auth/biometrics/authentication/options", """{"keyId":"k-1"}""");
        var challenge = JsonNode.Parse(await options.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>();

        using var response = await PostJsonAsync(
            "/.auth/biometrics/authentication",
            new JsonObject
            {
                ["keyId"] = "k-1",
                ["clientData"] = Base64UrlEncoder.Encode(InvalidUtf8ClientData("biometric.authenticate", challenge)),
                ["signature"] = Base64UrlEncoder.Encode(new byte[64]),
            }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("client-data-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Registration_AttestationObjectWithAnIntegerKey_IsRegisteredOrRefusedButNever500()
    {
        // WebAuthn L3 §6.5.4: the attestation object is a CBOR map of text keys; an integer key beside them is noise
        // that Fido2 skips. The gateway's own read of authData must skip it too, not throw.
        using var client = new PasskeyClient(Gateway);
        var username = UniqueName.For("cbor");
        var options = await client.OptionsAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = username });
        var credential = client.Authenticator.Create(options);
        var response = credential["response"]!.AsObject();
        response["attestationObject"] = Base64UrlEncoder.Encode(WithIntegerKey(Base64UrlEncoder.DecodeBytes(response["attestationObject"]!.GetValue<string>())));

        using var answer = await client.PostJsonAsync("/.auth/passkeys/registration", credential);

        Assert.True(answer.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        if (answer.StatusCode == HttpStatusCode.BadRequest)
        {
            await ProblemResponse.ReadAsync(answer);
            Assert.Null(await Repository.FindUserByUsernameAsync(username, default));
        }
    }

    [Theory]
    [InlineData("/.auth/passkeys/registration", "credential-malformed")]
    [InlineData("/.auth/passkeys/authentication", "credential-malformed")]
    [InlineData("/.auth/passkeys/authentication/options", "invalid-request")]
    [InlineData("/.auth/biometrics/authentication", "invalid-request")]
    public async Task Json_NestedDeeperThan32Levels_Is400(string path, string code)
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 33)) + "1" + new string('}', 33);

        using var response = await PostJsonAsync(path, deep);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Json_NestedExactly32Levels_IsReadAsUsual()
    {
        // The control of the test above: the limit is the depth, not the shape (an unknown member is ignored).
        var deep = """{"username":"depth-ok","x":""" + string.Concat(Enumerable.Repeat("""{"a":""", 30)) + "1" + new string('}', 31);

        using var response = await PostJsonAsync("/.auth/passkeys/authentication/options", deep);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Json_WithInvalidUtf8InAString_Is400()
    {
        var body = Encoding.UTF8.GetBytes("""{"username":"ab"}""");
        body[13] = 0xC3; // a lead byte followed by an ASCII byte: not UTF-8

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Gateway.Client.PostAsync("/.auth/passkeys/registration/options", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("before=abc")]
    [InlineData("limit=1e9")]
    [InlineData("before=99999999999999999999999")]
    public async Task AdminAudit_QueryThatDoesNotBind_Is400Problem(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.auth/admin/audit?" + query);
        var admin = GatewayHost.Identity("audit-admin");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Gateway.IssueAccessToken(admin with { ExtraClaims = new Dictionary<string, object> { ["role"] = "admin" } }));

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", (await ProblemResponse.ReadAsync(response)).Code);
    }

    /// <summary>Chunked bodies Kestrel cannot de-chunk: a size that is not hex or too large for a number, data past the size.</summary>
    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2x\r\n{}\r\n0\r\n\r\n")]
    [InlineData("ffffffffffffffffff\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2\r\n{}0\r\n\r\n")]
    public async Task CeremonyBody_MalformedChunking_Is400Problem(string chunkedBody)
    {
        var request = "POST /.auth/passkeys/authentication/options HTTP/1.1\r\n"
            + $"Host: {Gateway.Address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + chunkedBody;

        var response = await SendHalfClosedAsync(Encoding.Latin1.GetBytes(request), () => string.Join("\n", Gateway.Logs.Lines.TakeLast(15)));

        Assert.True(response.StatusCode == 400, response.ToString() + string.Join("\n", Gateway.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal))));
        Assert.Contains("application/problem+json", string.Join(",", response.Header("Content-Type")), StringComparison.Ordinal);
        Assert.DoesNotContain(Gateway.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("ffffffffffffffffff\r\n{}\r\n0\r\n\r\n")]
    public async Task ProxiedBody_MalformedChunking_Is400Problem(string chunkedBody)
    {
        var request = "POST /public/upload HTTP/1.1\r\n"
            + $"Host: {Gateway.Address.Authority}\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + chunkedBody;

        var response = await SendHalfClosedAsync(Encoding.Latin1.GetBytes(request), () => string.Join("\n", Gateway.Logs.Lines.TakeLast(15)));

        Assert.True(response.StatusCode == 400, response.ToString());
        Assert.Contains("\"code\":\"invalid-request\"", response.Body, StringComparison.Ordinal);
    }

    /// <summary>Sends the request; the answer must come without the client closing its side.</summary>
    private async Task<RawHttpResponse> SendHalfClosedAsync(byte[] request, Func<string> logs)
    {
        using var client = new System.Net.Sockets.TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(Gateway.Address.Host, Gateway.Address.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(request, timeout.Token);

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        Assert.True(received.Length > 0, "nothing answered; the gateway logged:\n" + logs());
        return RawHttpResponse.Parse(received.ToArray());
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Gateway.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    /// <summary>A client data document whose origin string holds a byte sequence that is not UTF-8.</summary>
    private static byte[] InvalidUtf8ClientData(string type, string challenge)
    {
        var text = Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","challenge":"{{challenge}}","origin":"http://localhostXX"}""");
        var at = Array.LastIndexOf(text, (byte)'X');
        text[at - 1] = 0xFF;
        text[at] = 0xFE;
        return text;
    }

    /// <summary>The same map with <c>1: 2</c> added before the text keys.</summary>
    private static byte[] WithIntegerKey(byte[] attestationObject)
    {
        var reader = new CborReader(attestationObject);
        var count = reader.ReadStartMap()!.Value;
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(count + 1);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        for (var i = 0; i < count; i++)
        {
            writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
            writer.WriteEncodedValue(reader.ReadEncodedValue().Span);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
