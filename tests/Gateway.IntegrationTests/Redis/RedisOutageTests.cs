using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Redis;

/// <summary>
/// A gateway with Redis configured while Redis goes down and comes back (issue 4; DESIGN.md §7): ceremonies answer a
/// fast 503, readiness says why without the password, signed-in traffic keeps flowing checked against the revocations
/// the gateway holds, and ceremonies work again once Redis is back, without a restart.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const string Password = "outage-Password-5150";

    /// <summary>A guard, not a measure: "fast" is the 2 s Redis timeout at worst, and a loaded machine adds to it.</summary>
    private static readonly TimeSpan Answered = TimeSpan.FromSeconds(15);

    private RedisServer _redis = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync("--requirepass", Password);
        _gateway = await GatewayHost.StartAsync(config =>
            config["Gateway"]!["Redis"] = new JsonObject { ["Configuration"] = $"redis://:{Password}@127.0.0.1:{_redis.Port}/0" });
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisDown_CeremoniesAnswer503Fast_ReadinessSaysWhy_SignedInTrafficFlows_RevocationsHold_AndRedisBackNeedsNoRestart()
    {
        using var client = new PasskeyClient(_gateway);
        var username = UniqueName.For("outage");
        var signedIn = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(username), HttpStatusCode.Created);
        var revokedBefore = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        var revokedDuring = await PasskeyClient.ReadTokenAsync(await client.SignInAsync(username), HttpStatusCode.OK);
        (await LogoutAsync(revokedBefore)).Dispose();
        var optionsBefore = await client.OptionsAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username });

        await _redis.KillAsync();

        // Ceremonies, from their first step (a newcomer's) and from a last step whose challenge was issued before the outage.
        using var newcomer = new PasskeyClient(_gateway);
        await AssertUnavailableAsync(newcomer, "/.auth/passkeys/registration/options", new JsonObject { ["username"] = username + "-new" });
        await AssertUnavailableAsync(newcomer, "/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username });
        await AssertUnavailableAsync(client, "/.auth/passkeys/authentication", client.Authenticator.Get(optionsBefore));

        using (var readiness = await _gateway.Client.GetAsync("/readyz").WaitAsync(Answered))
        {
            var text = await readiness.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            var redis = JsonNode.Parse(text)!["checks"]!["redis"]!;
            Assert.Equal("Unhealthy", redis["status"]!.GetValue<string>());
            Assert.StartsWith($"Redis at 127.0.0.1:{_redis.Port} is not reachable (", redis["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }

        // The replica itself is fine: Kubernetes keeps it in the Service for the signed-in traffic below.
        using (var local = await _gateway.Client.GetAsync("/readyz/local"))
        {
            Assert.Equal(HttpStatusCode.OK, local.StatusCode);
            var checks = JsonNode.Parse(await local.Content.ReadAsStringAsync())!["checks"]!.AsObject();
            Assert.Equal(["configuration", "credential-store"], checks.Select(c => c.Key).Order());
        }

        using (var proxied = await client.GetWithTokenAsync("/app/during-outage", signedIn))
        {
            Assert.Equal([username], (await EchoedRequest.ReadAsync(proxied)).Header("X-Forwarded-Preferred-Username"));
        }

        Assert.Equal("session-revoked", await RefusalAsync(client, revokedBefore));
        using (var logout = await LogoutAsync(revokedDuring))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal("session-revoked", await RefusalAsync(client, revokedDuring));

        await _redis.RestartAsync();

        await Eventually.GetAsync(
            async () =>
            {
                using var options = await client.PostJsonAsync("/.auth/passkeys/authentication/options", new JsonObject { ["username"] = username });
                return options.StatusCode == HttpStatusCode.OK ? options : null;
            },
            TimeSpan.FromSeconds(30),
            "Ceremonies answering again after Redis came back");
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(username)).StatusCode);
        using (var readiness = await _gateway.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
        }

        Assert.Equal("session-revoked", await RefusalAsync(client, revokedDuring));
        Assert.DoesNotContain(_gateway.Logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    private static async Task AssertUnavailableAsync(PasskeyClient client, string path, JsonNode body)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostJsonAsync(path, body).WaitAsync(Answered);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("challenge-store-unavailable", (await ProblemResponse.ReadAsync(response)).Code);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: 503 after {clock.ElapsedMilliseconds} ms");
    }

    private async Task<HttpResponseMessage> LogoutAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/logout");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _gateway.Client.SendAsync(request);
    }

    private static async Task<string> RefusalAsync(PasskeyClient client, string token)
    {
        using var response = await client.GetWithTokenAsync("/app/revoked", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return (await ProblemResponse.ReadAsync(response)).Code;
    }
}
