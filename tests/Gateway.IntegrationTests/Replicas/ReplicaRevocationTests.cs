using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using PasskeyGateway.IntegrationTests.Infrastructure;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// Revocations across two gateway processes on one Redis and one PostgreSQL database (issue 4, issue 8 item 4, issue
/// 16; DESIGN.md §7, §11.5, §11.6): a revoking request on replica A is answered only once B acknowledged that it holds
/// the revocation, so B refuses the token at its very next request; a frozen B makes A answer after the
/// acknowledgement timeout and count B late, and B refuses the token once it runs again. After Redis restarted empty
/// the earlier revocations are still refused, and one made while Redis is down reaches B through the repository,
/// which B re-reads every 5 s while Redis is away.
/// </summary>
public sealed class ReplicaRevocationTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    /// <summary>Per kind of revocation in the next-request trials: 4 kinds, 200 trials.</summary>
    private const int TrialsPerKind = 50;

    /// <summary>The replicas' acknowledgement timeout (the default).</summary>
    private static readonly TimeSpan AcknowledgementTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Generous: tells "answered after the timeout" from "hung"; it measures nothing.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    /// <summary>Well below the 30 s safety reload: within it only the 5 s polling while Redis is down can have told B.</summary>
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
    public async Task Revocation_MadeOnA_IsRefusedByB_AtItsNextRequest(string name)
    {
        var (code, revoke) = RevocationsByName[name];
        using var user = new ReplicaUser(replicas, UniqueName.For(name));
        var token = await user.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, token));

        using var revoked = await revoke(new RevocationContext(replicas, replicas.A, token));

        Assert.True(revoked.IsSuccessStatusCode, $"{name}: {(int)revoked.StatusCode} {await revoked.Content.ReadAsStringAsync()}");
        Assert.Equal(code, (await RefusalAsync(replicas.B, token)).Code);
        Assert.Equal(code, (await RefusalAsync(replicas.A, token)).Code);
    }

    [Fact]
    public async Task RevokedOnA_IsRefusedByB_AtTheVeryNextRequest_In200Trials()
    {
        // Sign-out, session end, passkey removal and device removal, 50 times each, interleaved; B's first request
        // after A's answer must be refused every time (before acknowledgements, 1–3 of 50 sign-outs got through).
        var kinds = new (string Name, string Code, Func<RevocationContext, Task<(string Token, HttpResponseMessage Answer)>> Revoke)[]
        {
            ("logout", "session-revoked", async c => (c.Token, await c.SendAsync(HttpMethod.Post, "/.auth/logout", c.Token))),
            ("session-end", "session-revoked", async c => (c.Token, await c.SendAsync(
                HttpMethod.Delete, $"/.auth/account/sessions/{new JsonWebToken(c.Token).GetClaim("sid").Value}", c.Token))),
            ("passkey-removal", "credential-revoked", async c => (c.Token, await c.SendAsync(
                HttpMethod.Delete, $"/.auth/admin/users/{c.UserId}/credentials/{new JsonWebToken(c.Token).GetClaim("cred_id").Value}", await c.AdminTokenAsync()))),
            ("device-removal", "device-revoked", async c =>
            {
                var deviceToken = await c.User!.VerifyDeviceAsync();
                return (deviceToken, await c.SendAsync(HttpMethod.Delete, $"/.auth/account/credentials/{c.User.DeviceId}", c.Token));
            }),
        };
        var adminToken = await replicas.IssueAdminTokenAsync();
        var answered = new List<TimeSpan>();
        var trial = 0;
        for (var round = 0; round < TrialsPerKind; round++)
        {
            foreach (var (name, code, revoke) in kinds)
            {
                trial++;
                using var user = new ReplicaUser(replicas, UniqueName.For(name));
                var token = await user.RegisterAsync();
                if (name == "device-removal")
                {
                    await user.BindDeviceAsync();
                }

                var context = new RevocationContext(replicas, replicas.A, token, user, adminToken);
                var started = Stopwatch.GetTimestamp();
                var (revokedToken, answer) = await revoke(context);
                answered.Add(Stopwatch.GetElapsedTime(started));
                using (answer)
                {
                    Assert.True(answer.IsSuccessStatusCode, $"trial {trial} ({name}): {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                }

                using var next = await SendAsync(replicas.B, HttpMethod.Get, "/app/revocation", revokedToken);
                Assert.True(next.StatusCode == HttpStatusCode.Unauthorized, $"trial {trial} ({name}): B answered {(int)next.StatusCode} to the revoked token's next request.");
                Assert.Equal(code, (await ProblemResponse.ReadAsync(next)).Code);
            }
        }

        answered.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{trial} revocations on A, each refused at B's next request; A answered in median {answered[trial / 2].TotalMilliseconds:0.0} ms, p99 {answered[trial * 99 / 100].TotalMilliseconds:0.0} ms."));
    }

    [Fact]
    public async Task FrozenReplica_RevokingCallAnswersAfterTheTimeout_CountsItLate_AndTheThawedReplicaRefuses()
    {
        using var user = new ReplicaUser(replicas, UniqueName.For("frozen"));
        var token = await user.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, token));
        var lateBefore = LateAcknowledgements(await replicas.A.Client.GetStringAsync("/metrics"));

        TimeSpan answeredAfter;
        replicas.B.Freeze();
        try
        {
            // B heartbeated within the last second, so A counts it live and waits for it.
            var started = Stopwatch.GetTimestamp();
            using var logout = await SendAsync(replicas.A, HttpMethod.Post, "/.auth/logout", token).WaitAsync(HangGuard);
            answeredAfter = Stopwatch.GetElapsedTime(started);
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }
        finally
        {
            replicas.B.Thaw();
        }

        Assert.True(answeredAfter >= AcknowledgementTimeout, $"A answered after {answeredAfter}, before its acknowledgement timeout: it did not wait for the frozen B.");
        Assert.Equal(lateBefore + 1, LateAcknowledgements(await replicas.A.Client.GetStringAsync("/metrics")));
        Assert.Contains("was not acknowledged by 1 of 1 other live replica(s)", replicas.A.Output, StringComparison.Ordinal);

        // B read the announcement waiting in its socket as soon as it ran again.
        Assert.Equal("session-revoked", (await RefusalAsync(replicas.B, token)).Code);
    }

    [Fact]
    public async Task CommandLineChange_IsRefusedByEveryReplica_AtItsNextRequest()
    {
        // `gateway user set` runs on the store directly, in a process of its own, and announces like a replica: it
        // returns once both replicas acknowledged (before, they learned of it at their next 5 s read of the store).
        using var user = new ReplicaUser(replicas, UniqueName.For("cli"));
        var token = await user.RegisterAsync();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replicas.B, token));

        var (exitCode, _, error) = await GatewayProcess.RunAsync("user", "set", user.Username, "--disable", "--config", replicas.ConfigPath);

        Assert.True(exitCode == 0, error);
        foreach (var replica in replicas.Replicas)
        {
            Assert.Equal("user-sessions-revoked", (await RefusalAsync(replica, token)).Code);
        }
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

        Assert.Equal("session-revoked", (await RefusalAsync(replicas.B, before)).Code);

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
    private static async Task<(string Code, TimeSpan After)> WaitForRefusalAsync(GatewayServerProcess replica, string token, TimeSpan bound)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempts = 1; ; attempts++)
        {
            using var response = await SendAsync(replica, HttpMethod.Get, "/app/revocation", token);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return ((await ProblemResponse.ReadAsync(response)).Code, Stopwatch.GetElapsedTime(started));
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Stopwatch.GetElapsedTime(started) < bound, $"{replica.Address} still accepted the revoked token after {bound} ({attempts} requests).");
            await Task.Delay(attempts < 100 ? 0 : 10);
        }
    }

    /// <summary>The value of <c>gateway_revocation_acknowledgements_late_total</c> (name, value, timestamp) in a Prometheus exposition; 0 before the first.</summary>
    private static long LateAcknowledgements(string exposition) =>
        exposition.Split('\n').Where(line => line.StartsWith("gateway_revocation_acknowledgements_late_total", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture))
            .SingleOrDefault();

    /// <summary>What a revocation row needs: the replica it is made on, the signed-in user's token, an admin's token.</summary>
    private sealed record RevocationContext(ReplicaPair Replicas, GatewayServerProcess Replica, string Token, ReplicaUser? User = null, string? AdminToken = null)
    {
        public string UserId => new JsonWebToken(Token).Subject;

        public async Task<string> AdminTokenAsync() => AdminToken ?? await Replicas.IssueAdminTokenAsync();

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string bearer, string? json = null) =>
            ReplicaRevocationTests.SendAsync(Replica, method, path, bearer, json);
    }
}
