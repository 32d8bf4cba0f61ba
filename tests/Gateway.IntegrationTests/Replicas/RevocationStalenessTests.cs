using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PasskeyGateway.IntegrationTests.Infrastructure;
using PasskeyGateway.Testing;

namespace PasskeyGateway.IntegrationTests.Replicas;

/// <summary>
/// DESIGN.md §11.6: a replica on Redis that has neither heard Redis nor read the store's revocations for
/// <c>Gateway:Revocations:MaxStaleness</c> may have missed a revocation nobody waited for it to hear, so it answers
/// authenticated requests <c>503 revocations-stale</c> (fail closed) until it has read them again. Redis down alone is
/// not enough: the store's revocations, read every 5 s, keep it current.
/// </summary>
public sealed class RevocationStalenessTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>, IAsyncLifetime
{
    /// <summary>The shortest the configuration allows: the test waits it out, no more.</summary>
    private const string MaxStaleness = "00:00:05";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    private readonly PostgresDatabase _database = new(cluster);
    private RedisServer _redis = null!;
    private GatewayHost _gateway = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        await _database.InitializeAsync();
        var (_, connectionString) = await _database.CreateSchemaAsync();
        _gateway = await GatewayHost.StartAsync(config =>
        {
            var gateway = config["Gateway"]!;
            gateway["Store"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = connectionString };
            gateway["Redis"] = new JsonObject { ["Configuration"] = _redis.Configuration };
            gateway["Revocations"] = new JsonObject { ["MaxStaleness"] = MaxStaleness };
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RedisAndStoreBothUnheard_AuthenticatedRequestsAre503_UntilTheStoreIsReadAgain()
    {
        using var client = new PasskeyClient(_gateway);
        var token = await PasskeyClient.ReadTokenAsync(await client.RegisterAsync(UniqueName.For("stale")), HttpStatusCode.Created);
        var readsBefore = StoreReads();
        await _redis.KillAsync();

        // Redis alone away: the store's revocations, read every 5 s, keep the replica current past the maximum staleness.
        await Eventually.UntilAsync(
            () => Task.FromResult(StoreReads() >= readsBefore + 2),
            Bound,
            "two reads of the store's revocations while Redis is down");
        using (var current = await client.GetWithTokenAsync("/app/redis-down", token))
        {
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }

        await _database.RefuseConnectionsAsync();
        try
        {
            var refusal = await Eventually.GetAsync(
                async () =>
                {
                    var response = await client.GetWithTokenAsync("/app/stale", token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        response.Dispose();
                        return null;
                    }

                    return response;
                },
                Bound,
                "the bearer request refused once neither Redis nor the store was heard for 5 s");
            using (refusal)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refusal.StatusCode);
                Assert.Equal("revocations-stale", (await ProblemResponse.ReadAsync(refusal)).Code);
                Assert.NotNull(refusal.Headers.RetryAfter);
                Assert.Empty(refusal.Headers.WwwAuthenticate);
            }

            // A browser with its session cookie: the same 503, neither a sign-in redirect nor a deleted cookie (the
            // session may well be valid).
            using (var page = new HttpRequestMessage(HttpMethod.Get, "/app/stale-page"))
            {
                page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
                using var response = await client.Http.SendAsync(page);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.False(response.Headers.Contains("Set-Cookie"), "the stale replica deleted the session cookie");
            }

            using (var anonymous = await _gateway.Client.GetAsync("/public/stale"))
            {
                Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            }

            using (var readiness = await _gateway.Client.GetAsync("/readyz"))
            {
                var checks = JsonNode.Parse(await readiness.Content.ReadAsStringAsync())!["checks"]!;
                Assert.Equal("Unhealthy", checks["revocations"]!["status"]!.GetValue<string>());
            }
        }
        finally
        {
            await _database.AllowConnectionsAsync();
        }

        // The store read again (Redis still down): current again, without a restart.
        await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetWithTokenAsync("/app/fresh-again", token);
                return response.StatusCode == HttpStatusCode.OK;
            },
            Bound,
            "the token accepted again once the store's revocations were read");
    }

    private int StoreReads() => _gateway.Logs.Lines.Count(line => line.Contains("[5201]", StringComparison.Ordinal));
}
