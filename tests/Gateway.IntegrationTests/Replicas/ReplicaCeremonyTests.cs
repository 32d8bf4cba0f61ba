using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// Ceremonies across two gateway processes on one Redis and one PostgreSQL database (issue 8 item 4): options from
/// one replica, the answer to the other, every challenge spent exactly once whichever replica sees it.
/// </summary>
public sealed class ReplicaCeremonyTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    private const int Users = 100;
    private const int SignInsPerUser = 10;
    private const int Parallelism = 16;

    public static TheoryData<string> Ceremonies => new(CrossReplicaCeremony.All.Select(ceremony => ceremony.Name));

    [Theory]
    [MemberData(nameof(Ceremonies))]
    public async Task Ceremony_OptionsFromA_FinishedOnB_Succeeds_AndItsChallengeCannotBeSpentAgainOnEither(string name)
    {
        var ceremony = CrossReplicaCeremony.Named(name);
        using var user = new ReplicaUser(replicas, UniqueName.For(name));
        await ceremony.Arrange(user);

        var options = await user.OnA.OptionsAsync(ceremony.OptionsPath, ceremony.OptionsBody(user));
        var answer = ceremony.Answer(user, options);
        using var finished = await user.OnB.PostJsonAsync(ceremony.AnswerPath, answer);

        Assert.True(finished.StatusCode == ceremony.Succeeded, $"{name} finished on B with {(int)finished.StatusCode}: {await finished.Content.ReadAsStringAsync()}");
        if ((await PasskeyClient.ReadJsonAsync(finished))["token"]?.GetValue<string>() is { } token)
        {
            foreach (var replica in replicas.Replicas)
            {
                using var proxied = await user.OnA.GetWithTokenAsync(new Uri(replica.Address, "/app/after-" + name).ToString(), token);
                Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
            }
        }

        foreach (var replay in new[] { user.OnA, user.OnB })
        {
            using var replayed = await replay.PostJsonAsync(ceremony.AnswerPath, answer);
            Assert.Equal("challenge-invalid", (await ProblemResponse.ReadAsync(replayed)).Code);
        }
    }

    [Fact]
    public async Task LocalReadiness_LeavesOutTheServersEveryReplicaShares()
    {
        foreach (var replica in replicas.Replicas)
        {
            var ready = JsonNode.Parse(await replica.Client.GetStringAsync("/readyz"))!["checks"]!.AsObject();
            var local = JsonNode.Parse(await replica.Client.GetStringAsync("/readyz/local"))!["checks"]!.AsObject();

            Assert.Equal(["configuration", "credential-store", "redis", "revocations"], ready.Select(c => c.Key).Order());
            Assert.Equal(["configuration"], local.Select(c => c.Key).Order());
        }
    }

    [Fact]
    public async Task ThousandConcurrentSignIns_SpreadOverBothReplicas_AllSucceed_NoCredentialLostOrDuplicated_EachChallengeSpentOnce()
    {
        var prefix = UniqueName.For("load");
        var accounts = Enumerable.Range(0, Users).Select(i => new LoadAccount(i, $"{prefix}-{i:D3}", ReplicaPair.NewAuthenticator())).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
        await Parallel.ForEachAsync(accounts, parallel, async (account, _) => await RegisterAsync(account));

        var challenges = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        var lastAnswers = new ConcurrentBag<JsonObject>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(accounts, parallel, async (account, _) =>
        {
            JsonObject? assertion = null;
            for (var i = 0; i < SignInsPerUser; i++)
            {
                // Every sign-in spans both replicas, half of them begun on A and half on B.
                var (begin, finish) = (account.Index + i) % 2 == 0 ? (replicas.A, replicas.B) : (replicas.B, replicas.A);
                var options = await PostAsync(begin, "/.auth/passkeys/authentication/options", new JsonObject { ["username"] = account.Username });
                challenges.Add(options.Body!["challenge"]!.GetValue<string>());
                assertion = account.Authenticator.Get(options.Body);
                var signIn = await PostAsync(finish, "/.auth/passkeys/authentication", assertion);
                if (signIn.Status != HttpStatusCode.OK || signIn.Body!["user"]!["username"]!.GetValue<string>() != account.Username)
                {
                    failures.Enqueue($"{account.Username} #{i}: {(int)signIn.Status} {signIn.Body?.ToJsonString()}");
                }
            }

            lastAnswers.Add(assertion!);
        });
        var wallTime = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Users * SignInsPerUser} sign-ins ({Users} users x {SignInsPerUser}, {Parallelism} at a time, over 2 replicas): {wallTime.TotalSeconds:0.0} s wall time.");

        Assert.Empty(failures);
        Assert.Equal(Users * SignInsPerUser, challenges.Distinct(StringComparer.Ordinal).Count());
        var rows = await replicas.Database.QueryAsync(
            $"""
            SELECT u.username, count(p.credential_id), min(p.sign_count), max(p.sign_count)
            FROM users u LEFT JOIN passkeys p ON p.user_id = u.id
            WHERE u.username LIKE '{prefix}-%' GROUP BY u.username ORDER BY u.username
            """);
        Assert.Equal(accounts.Select(a => a.Username), rows.Select(row => (string)row[0]!));
        Assert.All(rows, row => Assert.Equal((1L, (long)SignInsPerUser, (long)SignInsPerUser), ((long)row[1]!, (long)row[2]!, (long)row[3]!)));
        Assert.All(accounts, account => Assert.Equal((uint)SignInsPerUser, account.Authenticator.Credentials.Single().SignCount));

        // Spent means gone: no challenge key is left in Redis, and a last answer replayed on either replica is refused.
        await using var redis = await replicas.RedisServer.ConnectAdminAsync();
        Assert.Empty(redis.GetServer(replicas.RedisServer.Configuration).Keys(pattern: "gateway:challenge:*"));
        foreach (var (answer, replica) in lastAnswers.Take(10).SelectMany(answer => replicas.Replicas.Select(replica => (answer, replica))))
        {
            var replayed = await PostAsync(replica, "/.auth/passkeys/authentication", answer);
            Assert.Equal((HttpStatusCode.BadRequest, "challenge-invalid"), (replayed.Status, replayed.Body!["code"]!.GetValue<string>()));
        }
    }

    /// <summary>Registration begun on one replica and finished on the other, alternating.</summary>
    private async Task RegisterAsync(LoadAccount account)
    {
        var (begin, finish) = account.Index % 2 == 0 ? (replicas.A, replicas.B) : (replicas.B, replicas.A);
        var options = await PostAsync(begin, "/.auth/passkeys/registration/options", new JsonObject { ["username"] = account.Username, ["displayName"] = account.Username });
        Assert.Equal(HttpStatusCode.OK, options.Status);
        var registered = await PostAsync(finish, "/.auth/passkeys/registration", account.Authenticator.Create(options.Body!));
        Assert.True(registered.Status == HttpStatusCode.Created, registered.Body?.ToJsonString());
    }

    /// <summary>A JSON call on a replica's shared, cookie-less client: a thousand sign-ins need no thousand connection pools.</summary>
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(GatewayServerProcess replica, string path, JsonNode body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await replica.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }


    private sealed record LoadAccount(int Index, string Username, SoftwareAuthenticator Authenticator);
}
