using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Tokens;

namespace PasskeyGateway.IntegrationTests.Observability;

/// <summary>
/// Secrets never reach a log line (STYLE.md). A gateway logging at Debug runs the flows — passkey registration and
/// sign-in, failed attempts, bad and good tokens, sign-out, a config edit — while the test collects every secret it
/// saw: tokens, challenges, cookies, signatures, client data, the signing key. None may appear in the logs.
/// </summary>
public sealed class LogScrubbingTests
{
    [Fact]
    public async Task FullFlows_AtDebugLevel_LogNoTokenChallengeCookieOrKey()
    {
        var secrets = new List<string>();
        await using var gateway = await GatewayHost.StartAsync();
        using var client = new PasskeyClient(gateway);

        // Registration, with its challenge, credential and answer.
        var options = await client.OptionsAsync("/.auth/passkeys/registration/options", new JsonObject { ["username"] = "scrub-user" });
        secrets.Add(options["challenge"]!.GetValue<string>());
        secrets.Add(options["user"]!["id"]!.GetValue<string>());
        var credential = client.Authenticator.Create(options);
        secrets.AddRange(Values(credential["response"]!));
        using var registered = await client.PostJsonAsync("/.auth/passkeys/registration", credential);
        var answer = await PasskeyClient.ReadJsonAsync(registered);
        secrets.Add(answer["token"]!.GetValue<string>());
        secrets.AddRange(registered.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)[1]));

        // A sign-in, a replay of it (refused), a bad signature (refused).
        var signInOptions = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = "scrub-user" });
        secrets.Add(signInOptions["challenge"]!.GetValue<string>());
        var assertion = client.Authenticator.Get(signInOptions);
        secrets.AddRange(Values(assertion["response"]!));
        using (var signedIn = await client.PostJsonAsync("/.auth/passkeys/authentication", assertion))
        {
            secrets.Add((await PasskeyClient.ReadJsonAsync(signedIn))["token"]!.GetValue<string>());
        }

        (await client.PostJsonAsync("/.auth/passkeys/authentication", assertion)).Dispose();

        // Tokens: good, tampered, expired-looking garbage; then sign-out.
        var token = gateway.IssueAccessToken(GatewayHost.Identity("scrub"));
        secrets.Add(token);
        foreach (var candidate in new[] { token, token[..^4] + "AAAA", "not.a.token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/app/x");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", candidate);
            (await gateway.Client.SendAsync(request)).Dispose();
        }

        (await client.Http.PostAsync("/.auth/logout", null)).Dispose();

        // The signing key, as PEM and as raw private key material.
        var key = gateway.Services.GetRequiredService<SigningKeyRing>().Current.SecurityKey;
        var ecdsa = ((Microsoft.IdentityModel.Tokens.ECDsaSecurityKey)key).ECDsa;
        secrets.Add(Convert.ToBase64String(ecdsa.ExportECPrivateKey()));
        secrets.Add(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(ecdsa.ExportParameters(true).D!));

        var lines = gateway.Logs.Lines;
        Assert.Contains(lines, l => l.StartsWith("Debug", StringComparison.Ordinal));
        foreach (var secret in secrets.Where(s => s.Length >= 16).Distinct())
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static IEnumerable<string> Values(JsonNode response) =>
        response.AsObject().Where(p => p.Value is JsonValue).Select(p => p.Value!.GetValue<string>());
}
