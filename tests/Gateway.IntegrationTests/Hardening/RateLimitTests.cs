using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Hardening;

/// <summary>
/// <c>Gateway:RateLimits</c> on the ceremony endpoints: per client (its address behind the trusted proxy, IPv6 per
/// /64, or its user when signed in), 429 <c>rate-limited</c> with <c>Retry-After</c>; failed finishes limited per
/// client and per account, where the account limit never refuses a signature that verifies; proxied traffic never
/// limited. The test poses as many clients through <c>X-Forwarded-For</c> from a trusted loopback proxy.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PerMinute = 5;
    private const int Failures = 3;

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await GatewayHost.StartAsync(
        config =>
        {
            config["Gateway"]!["RateLimits"] = new JsonObject { ["CeremoniesPerMinute"] = PerMinute, ["FailedSignInsPerQuarterHour"] = Failures };
            config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1");
        },
        timeProvider: _clock);

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Ceremonies_OverThePerMinuteLimit_Are429WithRetryAfter_ForThatClientAlone()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= PerMinute; i++)
        {
            using var response = await OptionsAsync("198.51.100.1");
            answers.Add(response.StatusCode);
            if (i == PerMinute)
            {
                Assert.Equal("rate-limited", (await ProblemResponse.ReadAsync(response)).Code);
                Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            }
        }

        using var other = await OptionsAsync("198.51.100.2");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerMinute), HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AfterTheMinute_TheClientMayCallAgain()
    {
        for (var i = 0; i < PerMinute; i++)
        {
            (await OptionsAsync("198.51.100.3")).Dispose();
        }

        using var refused = await OptionsAsync("198.51.100.3");
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var again = await OptionsAsync("198.51.100.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ClientAddress_IsTheFirstHopNotATrustedProxy_NotWhatTheClientWroteFurtherLeft()
    {
        // A client rotating the left-most X-Forwarded-For entry stays one client: only trusted hops are peeled off.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerMinute; i++)
        {
            using var response = await OptionsAsync($"10.9.8.{i}, 198.51.100.4");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Ipv6Clients_AreLimitedPerSlash64()
    {
        for (var i = 0; i < PerMinute; i++)
        {
            (await OptionsAsync($"2001:db8:1:2::{i + 1:x}")).Dispose();
        }

        using var sameNetwork = await OptionsAsync("2001:db8:1:2:ffff:ffff:ffff:ffff");
        using var nextNetwork = await OptionsAsync("2001:db8:1:3::1");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameNetwork.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextNetwork.StatusCode);
    }

    [Fact]
    public async Task SignedInUsers_AreLimitedAsThemselves_NotByTheirSharedAddress()
    {
        var alice = _gateway.IssueAccessToken(GatewayHost.Identity("rl-alice-" + Guid.NewGuid().ToString("N")[..6]));
        var bob = _gateway.IssueAccessToken(GatewayHost.Identity("rl-bob-" + Guid.NewGuid().ToString("N")[..6]));

        for (var i = 0; i < PerMinute; i++)
        {
            (await OptionsAsync("198.51.100.5", bearer: alice)).Dispose();
        }

        using var aliceAgain = await OptionsAsync("198.51.100.5", bearer: alice);
        using var aliceElsewhere = await OptionsAsync("198.51.100.250", bearer: alice);
        using var bobSameAddress = await OptionsAsync("198.51.100.5", bearer: bob);
        using var anonymousSameAddress = await OptionsAsync("198.51.100.5");

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceAgain.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, aliceElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bobSameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymousSameAddress.StatusCode);
    }

    [Fact]
    public async Task ProxiedTraffic_OfASignedInUser_IsNeverLimited()
    {
        var token = _gateway.IssueAccessToken(GatewayHost.Identity("rl-proxied"));
        for (var i = 0; i < PerMinute + 1; i++)
        {
            (await OptionsAsync("198.51.100.6", bearer: token)).Dispose();
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/app/page");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("X-Forwarded-For", "198.51.100.6");
            using var response = await _gateway.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task FailedFinishes_FromOneClient_StopItsFurtherFinishes_ButNotOthers()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Failures; i++)
        {
            using var response = await PostAsync("/.auth/passkeys/authentication", "198.51.100.7", """{"id":"x"}""");
            statuses.Add(response.StatusCode);
        }

        using var other = await PostAsync("/.auth/passkeys/authentication", "198.51.100.8", """{"id":"x"}""");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, Failures), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Fact]
    public async Task AccountUnderAttack_FailuresFromEverywhereAre429_YetItsOwnerSignsIn()
    {
        using var owner = new PasskeyClient(_gateway);
        using (var registration = await PostCeremonyAsync(owner, "198.51.100.9", "/.auth/passkeys/registration/options", new JsonObject { ["username"] = "rl-owner-" + Guid.NewGuid().ToString("N")[..6] }))
        {
            var credential = owner.Authenticator.Create(JsonNode.Parse(await registration.Content.ReadAsStringAsync())!);
            using var created = await PostCeremonyAsync(owner, "198.51.100.9", "/.auth/passkeys/registration", credential);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Bad signatures on the owner's credential, each from a fresh address and without the owner's cookie: only the
        // account counter sees them all.
        var attacks = new List<HttpStatusCode>();
        for (var i = 0; i <= Failures; i++)
        {
            var address = $"203.0.113.{i + 10}";
            using var options = await PostAsync("/.auth/passkeys/authentication/options", address, "{}");
            var assertion = owner.Authenticator.Get(JsonNode.Parse(await options.Content.ReadAsStringAsync())!);
            var signature = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(assertion["response"]!["signature"]!.GetValue<string>());
            signature[^1] ^= 1;
            assertion["response"]!["signature"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(signature);
            using var attempt = await PostAsync("/.auth/passkeys/authentication", address, assertion.ToJsonString());
            attacks.Add(attempt.StatusCode);
        }

        using var ownerOptions = await PostCeremonyAsync(owner, "198.51.100.9", "/.auth/passkeys/authentication/options", new JsonObject());
        var good = owner.Authenticator.Get(JsonNode.Parse(await ownerOptions.Content.ReadAsStringAsync())!);
        using var signIn = await PostCeremonyAsync(owner, "198.51.100.9", "/.auth/passkeys/authentication", good);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Failures), HttpStatusCode.TooManyRequests], attacks);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task TwoReplicasOnOneRedis_ShareTheLimit()
    {
        await using var redis = await RedisServer.StartAsync();
        void Configure(JsonObject config)
        {
            config["Gateway"]!["RateLimits"] = new JsonObject { ["CeremoniesPerMinute"] = PerMinute, ["FailedSignInsPerQuarterHour"] = Failures };
            config["Gateway"]!["TrustedProxies"] = new JsonArray("127.0.0.1");
            config["Gateway"]!["Redis"] = new JsonObject { ["Configuration"] = redis.Configuration };
        }

        await using var a = await GatewayHost.StartAsync(Configure);
        await using var b = await GatewayHost.StartAsync(Configure);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerMinute; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/.auth/passkeys/authentication/options") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Forwarded-For", "198.51.100.12");
            using var response = await (i % 2 == 0 ? a : b).Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, PerMinute), HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task RateLimitedAnswers_AreCountedInTheMetrics()
    {
        for (var i = 0; i <= PerMinute; i++)
        {
            (await OptionsAsync("198.51.100.11")).Dispose();
        }

        var metrics = await Eventually.GetAsync(
            async () =>
            {
                var text = await _gateway.Client.GetStringAsync("/metrics");
                return text.Split('\n').Any(l => l.StartsWith("gateway_rate_limited_total{", StringComparison.Ordinal) && l.Contains("limit=\"ceremonies\"", StringComparison.Ordinal)) ? text : null;
            },
            TimeSpan.FromSeconds(30),
            "the rate-limited series on /metrics");

        Assert.DoesNotContain("198.51.100.11", metrics, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> OptionsAsync(string forwardedFor, string? bearer = null) =>
        PostAsync("/.auth/passkeys/authentication/options", forwardedFor, "{}", bearer);

    private async Task<HttpResponseMessage> PostAsync(string path, string forwardedFor, string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await _gateway.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostCeremonyAsync(PasskeyClient client, string forwardedFor, string path, JsonNode body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.Http.SendAsync(request);
    }
}
