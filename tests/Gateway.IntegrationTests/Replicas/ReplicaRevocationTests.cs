using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// Revocations across two gateway processes on one Redis and one PostgreSQL database (issue 4, issue 8 item 4;
/// DESIGN.md §7): one made on replica A is refused by replica B at once, through the Redis announcement; after Redis
/// restarted empty the earlier ones are still refused, and one made while Redis is down reaches B through the
/// repository, which B re-reads every 5 s while Redis is away.
/// </summary>
public sealed class ReplicaRevocationTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    private const int Trials = 50;

    /// <summary>
    /// Generous, and well below the one-minute safety reload: within it only the announcement (or, with Redis down,
    /// the 5 s polling) can have told B. The test measures; it does not race a stopwatch.
    /// </summary>
    private static readonly TimeSpan AnnouncedWithin = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PolledWithin = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Revocations => new(RevocationsByName.Keys);

    private static Dictionary<string, (string Code, Func<RevocationContext, Task<HttpResponseMessage>> Revoke)> RevocationsByName { get; } = new()
    {
        ["logout"] = ("session-revoked", c => c.SendAsync(HttpMethod.Post, "/.auth/logout", c.Token)),
        ["admin-deletes-passkey"] = ("credential-revoked", async c => await c.SendAsync(
            HttpMethod.Delete, $"/.auth/admin/users/{c.UserId}/credentials/{new JsonWebToken(c.Token).GetClaim("cred_id").Value}", await c.AdminTokenAsync())),
        ["admin-revokes-sessions"] = ("user-sessions-revoked", async c => await c.SendAsync(
            HttpMethod.Post, $"/.auth/admin/users/{c.UserId}/sessions/revoke", await c.AdminTokenAsync())),
        ["session-ended"] = ("session-revoked", c => c.SendAsync(
            HttpMethod.Delete, $"/.auth/account/sessions/{new JsonWebToken(c.Token).GetClaim("sid").Value}", c.Token)),
        ["logout-everywhere"] = ("session-revoked", c => c.SendAsync(HttpMethod.Post, "/.auth/logout", c.Token, """{"everywhere":true}""")),
        ["admin-disables-account"] = ("user-sessions-revoked", async c => await c.SendAsync(
            HttpMethod.Patch, $"/.auth/admin/users/{c.UserId}", await c.AdminTokenAsync(), """{"disabled":true}""")),
    };

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task Revocation_MadeOnA_IsRefusedByB(string name)
    {
        var (code, revoke) = RevocationsByName[name];
        using var user = new ReplicaUser(replicas, UniqueName.For(name));
        var token = await user.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, token));

        using var revoked = await revoke(new RevocationContext(replicas, replicas.A, token));

        Assert.True(revoked.IsSuccessStatusCode, $"{name}: {(int)revoked.StatusCode} {await revoked.Content.ReadAsStringAsync()}");
        var refusal = await WaitForRefusalAsync(replicas.B, token, AnnouncedWithin);
        Assert.Equal(code, refusal.Code);
        Assert.Equal(code, (await RefusalAsync(replicas.A, token)).Code);
    }

    [Fact]
    public async Task Logout_OnA_VisibleOnB_MeasuredOverManyTrials()
    {
        using var user = new ReplicaUser(replicas, UniqueName.For("trials"));
        await user.RegisterAsync();
        var delays = new List<TimeSpan>();
        var refusedAtOnce = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var token = await user.SignInAsync();
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, token));

            using var logout = await SendAsync(replicas.A, HttpMethod.Post, "/.auth/logout", token);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            var refusal = await WaitForRefusalAsync(replicas.B, token, AnnouncedWithin);

            Assert.Equal("session-revoked", refusal.Code);
            delays.Add(refusal.After);
            refusedAtOnce += refusal.Attempts == 1 ? 1 : 0;
        }

        delays.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Logout on A to refusal on B over {Trials} trials: median {delays[Trials / 2].TotalMilliseconds:0.0} ms, max {delays[^1].TotalMilliseconds:0.0} ms; refused at B's first request in {refusedAtOnce}/{Trials}."));
    }

    [Fact]
    public async Task RedisRestartedEmpty_EarlierRevocationsStayRefused_AndOneMadeWhileRedisIsDownReachesB()
    {
        using var user = new ReplicaUser(replicas, UniqueName.For("outage"));
        var before = await user.RegisterAsync();
        var duringOutage = await user.SignInAsync();
        var untouched = await user.SignInAsync();
        using (var logout = await SendAsync(replicas.A, HttpMethod.Post, "/.auth/logout", before))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        await WaitForRefusalAsync(replicas.B, before, AnnouncedWithin);

        try
        {
            await replicas.RedisServer.RestartAsync();
            await replicas.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            foreach (var replica in replicas.Replicas)
            {
                Assert.Equal("session-revoked", (await RefusalAsync(replica, before)).Code);
            }

            await replicas.RedisServer.KillAsync();
            using (var logout = await SendAsync(replicas.A, HttpMethod.Post, "/.auth/logout", duringOutage))
            {
                Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            }

            var refusal = await WaitForRefusalAsync(replicas.B, duringOutage, PolledWithin);
            Assert.Equal("session-revoked", refusal.Code);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"Logout on A while Redis was down refused by B after {refusal.After.TotalSeconds:0.0} s (polling every 5 s)."));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, untouched));
            Assert.Equal("session-revoked", (await RefusalAsync(replicas.B, before)).Code);
        }
        finally
        {
            // The class's other tests need Redis: start it again (a no-op kill when it is already up).
            await replicas.RedisServer.RestartAsync();
            await replicas.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayServerProcess replica, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await replica.Client.SendAsync(request);
    }

    private static async Task<HttpStatusCode> StatusAsync(GatewayServerProcess replica, string token)
    {
        using var response = await SendAsync(replica, HttpMethod.Get, "/app/revocation", token);
        return response.StatusCode;
    }

    private static async Task<ProblemResponse> RefusalAsync(GatewayServerProcess replica, string token)
    {
        using var response = await SendAsync(replica, HttpMethod.Get, "/app/revocation", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return await ProblemResponse.ReadAsync(response);
    }

    /// <summary>Sends the token to <paramref name="replica"/> until it is refused, back to back; fails after <paramref name="bound"/>.</summary>
    private static async Task<(string Code, TimeSpan After, int Attempts)> WaitForRefusalAsync(GatewayServerProcess replica, string token, TimeSpan bound)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempts = 1; ; attempts++)
        {
            using var response = await SendAsync(replica, HttpMethod.Get, "/app/revocation", token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return ((await ProblemResponse.ReadAsync(response)).Code, Stopwatch.GetElapsedTime(started), attempts);
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Stopwatch.GetElapsedTime(started) < bound, $"{replica.Address} still accepted the revoked token after {bound} ({attempts} requests).");
            await Task.Delay(attempts < 100 ? 0 : 10);
        }
    }


    /// <summary>What a revocation row needs: the replica it is made on, the signed-in user's token, an admin's token.</summary>
    private sealed record RevocationContext(ReplicaPair Replicas, GatewayServerProcess Replica, string Token)
    {
        public string UserId => new JsonWebToken(Token).Subject;

        public Task<string> AdminTokenAsync() => Replicas.IssueAdminTokenAsync();

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, string? json = null) =>
            ReplicaRevocationTests.SendAsync(Replica, method, path, bearer, json);
    }
}
