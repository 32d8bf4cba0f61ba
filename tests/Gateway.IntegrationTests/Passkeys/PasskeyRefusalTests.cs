using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PasskeyGateway.Ceremonies.Credentials;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Passkeys;

/// <summary>
/// Every bad registration or sign-in is a 4xx problem with a stable code, never a 500, and writes nothing: no
/// account, no passkey, no counter change (issue 5 item 7).
/// </summary>
public sealed class PasskeyRefusalTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(timeProvider: _clock);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    private ICredentialRepository Repository => _gateway.Services.GetRequiredService<ICredentialRepository>();

    public static TheoryData<string, HttpStatusCode, string> RegistrationRefusals => new()
    {
        { "wrong-origin", HttpStatusCode.BadRequest, "origin-mismatch" },
        { "wrong-rp-id", HttpStatusCode.BadRequest, "rp-id-mismatch" },
        { "wrong-type", HttpStatusCode.BadRequest, "credential-malformed" },
        { "no-user-verification", HttpStatusCode.Unauthorized, "user-verification-required" },
        { "no-user-presence", HttpStatusCode.BadRequest, "user-presence-required" },
        { "backed-up-not-eligible", HttpStatusCode.BadRequest, "backup-flags-invalid" },
        { "other-challenge", HttpStatusCode.BadRequest, "challenge-invalid" },
        { "reused-challenge", HttpStatusCode.BadRequest, "challenge-invalid" },
        { "expired-challenge", HttpStatusCode.BadRequest, "challenge-expired" },
        { "truncated-cbor", HttpStatusCode.BadRequest, "credential-malformed" },
        { "garbage-cbor", HttpStatusCode.BadRequest, "credential-malformed" },
        { "invalid-base64url", HttpStatusCode.BadRequest, "credential-malformed" },
        { "not-json", HttpStatusCode.BadRequest, "credential-malformed" },
        { "empty-object", HttpStatusCode.BadRequest, "credential-malformed" },
        { "client-data-not-json", HttpStatusCode.BadRequest, "credential-malformed" },
    };

    [Theory]
    [MemberData(nameof(RegistrationRefusals))]
    public async Task Registration_BadResponse_IsRefused_AndNothingIsStored(string attack, HttpStatusCode status, string code)
    {
        using var client = new PasskeyClient(_gateway);
        var username = "reg-" + attack;
        var options = await client.OptionsAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = username });
        ConfigureAuthenticator(client, attack);
        var credential = client.Authenticator.Create(attack == "other-challenge" ? WithChallenge(options, RandomChallenge()) : options);
        if (attack == "reused-challenge")
        {
            using var first = await client.PostJsonAsync("/.auth/passkeys/registration", credential);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            credential = client.Authenticator.Create(options);
        }

        if (attack == "expired-challenge")
        {
            _clock.Advance(TimeSpan.FromMinutes(6));
        }

        var credentialId = Base64UrlEncoder.DecodeBytes(credential["rawId"]!.GetValue<string>());
        using var response = await client.PostJsonAsync("/.auth/passkeys/registration", Tamper(credential, attack));

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.Equal(status, response.StatusCode);
        Assert.Null(await Repository.FindPasskeyAsync(credentialId, default));
        if (attack != "reused-challenge")
        {
            Assert.Null(await Repository.FindUserByUsernameAsync(username, default));
        }
    }

    public static TheoryData<string, HttpStatusCode, string> SignInRefusals => new()
    {
        { "wrong-origin", HttpStatusCode.BadRequest, "origin-mismatch" },
        { "wrong-rp-id", HttpStatusCode.BadRequest, "rp-id-mismatch" },
        { "wrong-type", HttpStatusCode.BadRequest, "credential-malformed" },
        { "no-user-verification", HttpStatusCode.Unauthorized, "user-verification-required" },
        { "backed-up-not-eligible", HttpStatusCode.BadRequest, "backup-flags-invalid" },
        { "bad-signature", HttpStatusCode.Unauthorized, "signature-invalid" },
        { "unknown-credential", HttpStatusCode.Unauthorized, "credential-unknown" },
        { "other-challenge", HttpStatusCode.BadRequest, "challenge-invalid" },
        { "expired-challenge", HttpStatusCode.BadRequest, "challenge-expired" },
        { "truncated-authenticator-data", HttpStatusCode.BadRequest, "credential-malformed" },
        { "invalid-base64url", HttpStatusCode.BadRequest, "credential-malformed" },
        { "wrong-user-handle", HttpStatusCode.Unauthorized, "credential-user-mismatch" },
    };

    [Theory]
    [MemberData(nameof(SignInRefusals))]
    public async Task SignIn_BadAssertion_IsRefused_AndNothingChanges(string attack, HttpStatusCode status, string code)
    {
        using var client = new PasskeyClient(_gateway);
        (await client.RegisterAsync("signin-" + attack)).Dispose();
        var credential = client.Authenticator.Credentials.Single();
        var before = await Repository.FindPasskeyAsync(credential.Id, default);
        var options = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject());
        ConfigureAuthenticator(client, attack);
        var assertion = client.Authenticator.Get(attack == "other-challenge" ? WithChallenge(options, RandomChallenge()) : options);
        if (attack == "expired-challenge")
        {
            _clock.Advance(TimeSpan.FromMinutes(6));
        }

        using var response = await client.PostJsonAsync("/.auth/passkeys/authentication", Tamper(assertion, attack));

        var problem = await ProblemResponse.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie");
        var after = await Repository.FindPasskeyAsync(credential.Id, default);
        Assert.Equal(before!.SignCount, after!.SignCount);
        Assert.Equal(before.LastUsedAt, after.LastUsedAt);
    }

    [Fact]
    public async Task Bodies_OverTheLimit_Get413_WrongMediaType415_AndNeverA500()
    {
        using var client = new PasskeyClient(_gateway);
        var huge = new JsonObject { ["padding"] = new string('x', 70_000) };

        using var tooLarge = await client.PostJsonAsync("/.auth/passkeys/registration", huge);
        using var form = await client.Http.PostAsync("/.auth/passkeys/registration/options", new FormUrlEncodedContent([new("username", "x")]));
        using var noBody = await client.Http.PostAsync("/.auth/passkeys/authentication", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal("body-too-large", (await ProblemResponse.ReadAsync(tooLarge)).Code);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0000b")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task RegistrationOptions_WithAnUnusableUsername_Are400(string username)
    {
        using var client = new PasskeyClient(_gateway);

        using var response = await client.PostJsonAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = username });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("username-invalid", (await ProblemResponse.ReadAsync(response)).Code);
    }

    private static void ConfigureAuthenticator(PasskeyClient client, string attack)
    {
        var authenticator = client.Authenticator;
        switch (attack)
        {
            case "wrong-origin": authenticator.OriginOverride = "https://evil.example"; break;
            case "wrong-rp-id": authenticator.RpIdOverride = "evil.example"; break;
            case "wrong-type": authenticator.TypeOverride = "webauthn.other"; break;
            case "no-user-verification": authenticator.UserVerified = false; break;
            case "no-user-presence": authenticator.UserPresent = false; break;
            case "backed-up-not-eligible": authenticator.BackupState = true; break;
        }
    }

    private static JsonObject Tamper(JsonObject credential, string attack)
    {
        var response = credential["response"]!.AsObject();
        switch (attack)
        {
            case "truncated-cbor":
                var attestation = Base64UrlEncoder.DecodeBytes(response["attestationObject"]!.GetValue<string>());
                response["attestationObject"] = Base64UrlEncoder.Encode(attestation[..(attestation.Length / 2)]);
                break;
            case "garbage-cbor":
                response["attestationObject"] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("definitely not CBOR at all"));
                break;
            case "invalid-base64url":
                response[response.ContainsKey("attestationObject") ? "attestationObject" : "signature"] = "@@@not base64@@@";
                break;
            case "not-json":
                return new JsonObject { ["id"] = 42 };
            case "empty-object":
                return [];
            case "client-data-not-json":
                response["clientDataJSON"] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{not json"));
                break;
            case "bad-signature":
                var signature = Base64UrlEncoder.DecodeBytes(response["signature"]!.GetValue<string>());
                signature[^1] ^= 0x01;
                response["signature"] = Base64UrlEncoder.Encode(signature);
                break;
            case "unknown-credential":
                var unknown = Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
                credential["id"] = unknown;
                credential["rawId"] = unknown;
                break;
            case "truncated-authenticator-data":
                response["authenticatorData"] = Base64UrlEncoder.Encode(Base64UrlEncoder.DecodeBytes(response["authenticatorData"]!.GetValue<string>())[..20]);
                break;
            case "wrong-user-handle":
                response["userHandle"] = Base64UrlEncoder.Encode(new byte[32]);
                break;
        }

        return credential;
    }

    private static JsonNode WithChallenge(JsonNode options, string challenge)
    {
        var copy = options.DeepClone();
        copy["challenge"] = challenge;
        return copy;
    }

    private static string RandomChallenge() => Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
