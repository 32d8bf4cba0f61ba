using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Revocations;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Authentication;

/// <summary>
/// The attacks JWT validation has fallen to, each refused with 401, <c>error="invalid_token"</c> and its own code
/// (issue 3 item 4). Tokens are built by hand so every header and claim is under the test's control.
/// </summary>
public sealed class TokenAttackTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private GatewayHost Gateway => fixture.Host;

    private SigningKey GatewayKey => Gateway.Services.GetRequiredService<SigningKeyRing>().Current;

    private ECDsa GatewayEcdsa => ((ECDsaSecurityKey)GatewayKey.SecurityKey).ECDsa;

    private JsonObject Header(string alg = "ES256", string? kid = null, string typ = "JWT") =>
        new() { ["alg"] = alg, ["kid"] = kid ?? GatewayKey.KeyId, ["typ"] = typ };

    private JsonObject Payload(TimeSpan? expiresIn = null, TimeSpan? notBeforeIn = null) =>
        Jwt.Payload(Gateway.Options.Tokens.Issuer, Gateway.Options.Tokens.Audience, expiresIn: expiresIn, notBeforeIn: notBeforeIn);

    [Fact]
    public async Task HandMadeToken_SignedWithGatewayKey_IsAccepted()
    {
        // The control: the hand-made tokens below differ from this one only in what each attack changes.
        var token = Jwt.Create(Header(), Payload(), Jwt.Es256(GatewayEcdsa));

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["mallory"], (await EchoedRequest.ReadAsync(response)).Header("X-Forwarded-User"));
    }

    [Fact]
    public Task AlgNone_IsRefused() =>
        AssertRefused(Jwt.Create(Header(alg: "none"), Payload(), Jwt.NoSignature), "token-algorithm-not-allowed");

    [Fact]
    public Task AlgNoneUppercase_IsRefused() =>
        AssertRefused(Jwt.Create(Header(alg: "NONE"), Payload(), Jwt.NoSignature), "token-algorithm-not-allowed");

    [Fact]
    public Task Hs256SignedWithThePublicKey_IsRefused()
    {
        // The classic key-confusion attack: HMAC keyed with the published public key.
        var publicKey = GatewayEcdsa.ExportSubjectPublicKeyInfo();
        return AssertRefused(Jwt.Create(Header(alg: "HS256"), Payload(), Jwt.Hs256(publicKey)), "token-algorithm-not-allowed");
    }

    [Fact]
    public Task Hs256SignedWithTheJwksDocument_IsRefused()
    {
        var jwks = Gateway.Services.GetRequiredService<SigningKeyRing>().JwksJson;
        return AssertRefused(Jwt.Create(Header(alg: "HS256"), Payload(), Jwt.Hs256(jwks)), "token-algorithm-not-allowed");
    }

    [Fact]
    public Task UnknownKid_IsRefused() =>
        AssertRefused(Jwt.Create(Header(kid: "not-a-gateway-key"), Payload(), Jwt.Es256(GatewayEcdsa)), "token-key-unknown");

    [Fact]
    public Task MissingKid_IsRefused()
    {
        var header = Header();
        header.Remove("kid");
        return AssertRefused(Jwt.Create(header, Payload(), Jwt.Es256(GatewayEcdsa)), "token-key-unknown");
    }

    [Theory]
    [InlineData("jku", "https://attacker.example/jwks.json")]
    [InlineData("x5u", "https://attacker.example/cert.pem")]
    [InlineData("crit", "exp")]
    public Task KeyLocatingOrCriticalHeader_IsRefused(string name, string value)
    {
        var header = Header();
        header[name] = name == "crit" ? new JsonArray(value) : value;
        return AssertRefused(Jwt.Create(header, Payload(), Jwt.Es256(GatewayEcdsa)), "token-header-not-allowed");
    }

    [Fact]
    public Task EmbeddedJwk_SignedByAttackerKey_IsRefused()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = attacker.ExportParameters(false);
        var header = Header();
        header["jwk"] = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
        return AssertRefused(Jwt.Create(header, Payload(), Jwt.Es256(attacker)), "token-header-not-allowed");
    }

    [Fact]
    public Task EmbeddedX5c_IsRefused()
    {
        var header = Header();
        header["x5c"] = new JsonArray("MIIB");
        return AssertRefused(Jwt.Create(header, Payload(), Jwt.Es256(GatewayEcdsa)), "token-header-not-allowed");
    }

    [Fact]
    public Task SignedByAnotherKeyUnderTheGatewaysKid_IsRefused()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return AssertRefused(Jwt.Create(Header(), Payload(), Jwt.Es256(attacker)), "token-signature-invalid");
    }

    [Fact]
    public Task TamperedPayload_IsRefused()
    {
        var token = Jwt.Create(Header(), Payload(), Jwt.Es256(GatewayEcdsa));
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = "admin";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
        return AssertRefused(tampered, "token-signature-invalid");
    }

    [Fact]
    public Task Expired_BeyondClockSkew_IsRefused() =>
        AssertRefused(Jwt.Create(Header(), Payload(expiresIn: TimeSpan.FromSeconds(-45)), Jwt.Es256(GatewayEcdsa)), "token-expired");

    [Fact]
    public async Task Expired_WithinClockSkew_IsAccepted()
    {
        var token = Jwt.Create(Header(), Payload(expiresIn: TimeSpan.FromSeconds(-10)), Jwt.Es256(GatewayEcdsa));

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task NotYetValid_BeyondClockSkew_IsRefused() =>
        AssertRefused(Jwt.Create(Header(), Payload(notBeforeIn: TimeSpan.FromMinutes(2)), Jwt.Es256(GatewayEcdsa)), "token-not-yet-valid");

    [Fact]
    public Task MissingExpiry_IsRefused()
    {
        var payload = Payload();
        payload.Remove("exp");
        return AssertRefused(Jwt.Create(Header(), payload, Jwt.Es256(GatewayEcdsa)), "token-invalid");
    }

    [Fact]
    public Task WrongIssuer_IsRefused()
    {
        var payload = Payload();
        payload["iss"] = "https://attacker.example";
        return AssertRefused(Jwt.Create(Header(), payload, Jwt.Es256(GatewayEcdsa)), "token-issuer-unknown");
    }

    [Fact]
    public Task WrongAudience_IsRefused()
    {
        var payload = Payload();
        payload["aud"] = "another-app";
        return AssertRefused(Jwt.Create(Header(), payload, Jwt.Es256(GatewayEcdsa)), "token-audience-invalid");
    }

    [Fact]
    public Task AssertionPresentedAsBearer_IsRefused()
    {
        // The sample config names both the audience and a cluster "app": the typ keeps an assertion from passing as a token.
        var payload = Payload();
        return AssertRefused(Jwt.Create(Header(typ: "gateway-assertion+jwt"), payload, Jwt.Es256(GatewayEcdsa)), "token-type-invalid");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    [InlineData("!!!.???.###")]
    public Task Malformed_IsRefused(string token) => AssertRefused(token, "token-malformed");

    [Fact]
    public Task Oversized_IsRefused() => AssertRefused(new string('a', 20_000), "token-malformed");

    [Fact]
    public async Task TwoAuthorizationHeaders_AreRefused()
    {
        var token = Jwt.Create(Header(), Payload(), Jwt.Es256(GatewayEcdsa));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/attack");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token}", $"Bearer {token}"]);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token-malformed", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task RevokedSession_IsRefused_OnTheNextRequest_EvenWhenCached()
    {
        var identity = GatewayHost.Identity();
        var token = Gateway.IssueAccessToken(identity);
        using (var first = await SendAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var now = DateTimeOffset.UtcNow;
        await Gateway.Services.GetRequiredService<IRevocationList>()
            .RevokeAsync(new Revocation(RevocationKind.Session, identity.SessionId, now, now.AddHours(1)), CancellationToken.None);

        await AssertRefused(token, "session-revoked");
    }

    [Theory]
    [InlineData(RevocationKind.Credential, "credential-revoked")]
    [InlineData(RevocationKind.Device, "device-revoked")]
    [InlineData(RevocationKind.User, "user-sessions-revoked")]
    public async Task RevokedCredentialDeviceOrUser_IsRefused(RevocationKind kind, string code)
    {
        var user = "user-" + TokenIssuer.NewId();
        var identity = GatewayHost.Identity(user) with { CredentialId = "cred-" + TokenIssuer.NewId(), DeviceId = "dev-" + TokenIssuer.NewId(), AuthTime = DateTimeOffset.UtcNow.AddMinutes(-1) };
        var token = Gateway.IssueAccessToken(identity);
        var id = kind switch { RevocationKind.Credential => identity.CredentialId!, RevocationKind.Device => identity.DeviceId!, _ => user };
        var now = DateTimeOffset.UtcNow;

        await Gateway.Services.GetRequiredService<IRevocationList>().RevokeAsync(new Revocation(kind, id, now, now.AddHours(1)), CancellationToken.None);

        await AssertRefused(token, code);
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/attack");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Headers.Accept.ParseAdd("text/html");
        return await Gateway.Client.SendAsync(request);
    }

    private async Task AssertRefused(string token, string code)
    {
        // Accept: text/html too: a refused bearer token is never answered with a redirect to the sign-in page.
        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(code, (await ProblemResponse.ReadAsync(response)).Code);
    }
}
