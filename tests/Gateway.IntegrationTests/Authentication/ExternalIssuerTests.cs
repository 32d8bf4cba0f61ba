using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Authentication;

/// <summary>
/// Tokens of an external OpenID Connect issuer (a real loopback IdP): discovery, JWKS, key rotation with a bounded
/// refetch, per-issuer audiences and algorithms, and gateway claims ignored (DESIGN.md §10).
/// </summary>
public sealed class ExternalIssuerTests : IAsyncLifetime
{
    private FakeIdentityProvider _idp = null!;
    private GatewayHost _gateway = null!;
    private (string Kid, System.Security.Cryptography.RSA Key) _key;

    public async ValueTask InitializeAsync()
    {
        _idp = await FakeIdentityProvider.StartAsync();
        _key = _idp.AddKey();
        _gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["ExternalIssuers"] = new JsonArray(new JsonObject
        {
            ["Issuer"] = _idp.Issuer,
            ["Audiences"] = new JsonArray("api", "other-api"),
            ["RequireHttpsMetadata"] = false,
            ["Algorithms"] = new JsonArray("RS256"),
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _idp.DisposeAsync();
    }

    [Fact]
    public async Task ValidToken_IsAccepted_AsExternal_WithGatewayClaimsIgnored()
    {
        var token = _idp.IssueToken(_key, "api", claims =>
        {
            claims["auth_method"] = "passkey";
            claims["device_id"] = "dev-spoofed";
            claims["preferred_username"] = "ext";
        });

        using var response = await SendAsync("/app/x", token);

        var echoed = await EchoedRequest.ReadAsync(response);
        Assert.Equal(["ext-user"], echoed.Header("X-Forwarded-User"));
        Assert.Equal(["external"], echoed.Header("X-Auth-Method"));
        Assert.Empty(echoed.Header("X-Device-Id"));
    }

    [Fact]
    public async Task ExternalTokenWithDeviceClaim_DoesNotSatisfyKnownDevice_EvenNamingARealDeviceOfItsSubject()
    {
        // A gateway user with a bound device, and an external token that names both: the issuer cannot vouch for a device.
        var client = await MobileClient.SignInAsync(_gateway);
        using var key = SimulatedDeviceKey.Create("ES256");
        var deviceId = await client.BindDeviceAsync(key);
        var token = _idp.IssueToken(_key, "api", claims =>
        {
            claims["sub"] = client.User.Id;
            claims["device_id"] = deviceId;
        });

        using var response = await SendAsync("/known-device/x", token);

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Forbidden, problem.Status);
        Assert.Equal(["device-required"], problem.Body["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task ExternalTokenWithPasskeyMethod_DoesNotSatisfyAuthMethods()
    {
        var token = _idp.IssueToken(_key, "api", claims => claims["auth_method"] = "passkey");

        using var response = await SendAsync("/passkey-only/x", token);

        // Refused as any bearer call whose sign-in method the policy does not take: a step-up challenge (RFC 9470),
        // never the route, whatever auth_method the external issuer wrote.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"insufficient_user_authentication\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("auth-method-not-allowed", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task WrongAudience_IsRefused()
    {
        using var response = await SendAsync("/app/x", _idp.IssueToken(_key, "someone-else"));

        Assert.Equal("token-audience-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task AlgorithmOutsideTheIssuersList_IsRefused()
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var token = Jwt.Create(new JsonObject { ["alg"] = "ES256", ["kid"] = _key.Kid }, Jwt.Payload(_idp.Issuer, "api"), Jwt.Es256(ecdsa));

        using var response = await SendAsync("/app/x", token);

        Assert.Equal("token-algorithm-not-allowed", (await ProblemResponse.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task RotatedKey_IsFetchedOnFirstUse_AndTheSameRequestSucceeds()
    {
        using (var warmUp = await SendAsync("/app/x", _idp.IssueToken(_key, "api")))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var fetches = _idp.JwksFetches;
        var rotated = _idp.AddKey();

        using var response = await SendAsync("/app/x", _idp.IssueToken(rotated, "api"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fetches + 1, _idp.JwksFetches);
    }

    [Fact]
    public async Task UnknownKids_TriggerAtMostOneRefetchPerInterval()
    {
        using (var warmUp = await SendAsync("/app/x", _idp.IssueToken(_key, "api")))
        {
            Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        }

        var fetches = _idp.JwksFetches;
        var responses = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var forged = Jwt.Create(new JsonObject { ["alg"] = "RS256", ["kid"] = $"unknown-{i}" }, Jwt.Payload(_idp.Issuer, "api"), Jwt.Rs256(_key.Key));
            using var response = await SendAsync("/app/x", forged);
            responses.Add((await ProblemResponse.ReadAsync(response)).Code);
        }

        Assert.All(responses, code => Assert.Equal("token-key-unknown", code));
        Assert.Equal(fetches + 1, _idp.JwksFetches);
    }

    [Fact]
    public async Task ExternalTokenInTheSessionCookie_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Add("Cookie", $"{_gateway.Options.Session.CookieName}={_idp.IssueToken(_key, "api")}");

        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token-issuer-unknown", (await ProblemResponse.ReadAsync(response)).Code);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _gateway.Client.SendAsync(request);
    }
}

/// <summary>A discovery document naming another issuer is not trusted: no key of it is ever used.</summary>
public sealed class ExternalIssuerMismatchTests
{
    [Fact]
    public async Task DiscoveryNamingAnotherIssuer_KeysAreNotTrusted()
    {
        await using var idp = await FakeIdentityProvider.StartAsync();
        var key = idp.AddKey();
        idp.AdvertisedIssuer = "https://impostor.example";
        await using var gateway = await GatewayHost.StartAsync(config => config["Gateway"]!["ExternalIssuers"] = new JsonArray(new JsonObject
        {
            ["Issuer"] = idp.Issuer,
            ["Audiences"] = new JsonArray("api"),
            ["RequireHttpsMetadata"] = false,
        }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", idp.IssueToken(key, "api"));

        using var response = await gateway.Client.SendAsync(request);

        Assert.Equal("token-key-unknown", (await ProblemResponse.ReadAsync(response)).Code);
        Assert.Equal(0, idp.JwksFetches);
    }
}
