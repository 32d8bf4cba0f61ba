using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PasskeyGateway.Testing;

namespace PasskeyGateway.Benchmarks.RevocationLatency;

/// <summary>
/// N replicas as docs/replicas.md runs them: N gateway processes with one configuration file and one signing key,
/// each with a port and a data directory of its own, sharing a redis-server of their own and one PostgreSQL database.
/// Ready once every replica answers <c>/readyz</c> with 200 and all N heartbeat in Redis's replica set, so a revoking
/// request on one waits for all the others from the first logout on.
/// </summary>
internal sealed class ReplicaSet : IAsyncDisposable
{
    /// <summary>The origin a load balancer in front of the replicas would serve; passkeys are bound to it, nothing listens there.</summary>
    private const string Origin = "http://localhost:8443";

    /// <summary>Below the gateway's 50 live sessions per user, past which a sign-in ends (and revokes) the user's oldest session.</summary>
    private const int SessionsPerUser = 40;

    /// <summary>The heartbeat set under the default key prefix (ReplicaAcknowledgements).</summary>
    private const string ReplicasKey = "gateway:replicas";

    private static readonly TimeSpan HeartbeatWait = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly List<GatewayUnderTest> _gateways = [];
    private readonly List<ReplicaClient> _clients = [];
    private RedisServer? _redis;

    private ReplicaSet(string directory) => _directory = directory;

    /// <summary>One client per replica, in the order the replicas were started; the first is the one logouts go to.</summary>
    public IReadOnlyList<ReplicaClient> Clients => _clients;

    public int Count => _clients.Count;

    public static async Task<ReplicaSet> StartAsync(int count, PostgresServer postgres, string gatewayDll)
    {
        var set = new ReplicaSet(Directory.CreateTempSubdirectory("revocation-latency-").FullName);
        try
        {
            await set.StartPartsAsync(count, postgres, gatewayDll);
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>Signs in <paramref name="count"/> new sessions on the first replica (passkey users registered for them) and returns their access tokens.</summary>
    public async Task<string[]> SignInAsync(int count, CancellationToken cancellationToken)
    {
        var users = (count + SessionsPerUser - 1) / SessionsPerUser;
        var tokens = new string[count];
        var client = _clients[0];

        // One user's sign-ins one after another (its key is not shared between threads), the users side by side.
        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (user, cancel) =>
        {
            var authenticator = new SoftwareAuthenticator(Origin, "localhost");
            await client.RegisterAsync(authenticator, $"revoker-{Guid.NewGuid():N}", cancel);
            for (var session = user; session < count; session += users)
            {
                tokens[session] = await client.SignInAsync(authenticator, cancel);
            }
        });
        return tokens;
    }

    /// <summary>How many entries with the event id the replicas logged between them so far.</summary>
    public async Task<long> CountLogEventAsync(int eventId)
    {
        long count = 0;
        foreach (var gateway in _gateways)
        {
            count += await gateway.CountLogEventAsync(eventId);
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartPartsAsync(int count, PostgresServer postgres, string gatewayDll)
    {
        _redis = await RedisServer.StartAsync();
        var database = "revocations_" + Path.GetFileName(_directory).Replace('-', '_').ToLowerInvariant();
        await postgres.QueryAsync("postgres", $"CREATE DATABASE {database};");

        var keyPath = Path.Combine(_directory, "signing.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem());
        }

        var configPath = Path.Combine(_directory, "gateway.json");
        await File.WriteAllTextAsync(configPath, Config(keyPath, _redis, postgres.ConnectionString(database, pooling: true)).ToJsonString());

        // Started together, as a Deployment's pods are: they migrate the empty database at once.
        var gateways = await Task.WhenAll(Enumerable.Range(1, count).Select(replica =>
        {
            var name = replica.ToString(CultureInfo.InvariantCulture);
            var environment = new Dictionary<string, string> { ["Gateway__DataDirectory"] = Path.Combine(_directory, "data-" + name) };
            return GatewayUnderTest.StartAsync(gatewayDll, configPath, FreePort.Next(), environment, Path.Combine(_directory, $"gateway-{name}.log"));
        }));
        _gateways.AddRange(gateways);
        _clients.AddRange(gateways.Select(gateway => new ReplicaClient(gateway.Address)));

        using var redis = await _redis.ConnectAdminAsync();
        await Wait.UntilAsync(
            async () => await redis.GetDatabase().SortedSetLengthAsync(ReplicasKey) == count,
            HeartbeatWait,
            $"{count} replica(s) heartbeating in {ReplicasKey}");
    }

    /// <summary>
    /// No routes (a logout and <c>/.auth/me</c> are the gateway's own endpoints), Warning-level logs (a late
    /// acknowledgement is one), open registration (the sessions' users sign up), and the ceremony rate limits out of
    /// the way: every sign-in comes from one address.
    /// </summary>
    private static JsonObject Config(string keyPath, RedisServer redis, string postgres) => new()
    {
        ["Gateway"] = new JsonObject
        {
            ["PublicOrigin"] = Origin,
            ["Session"] = new JsonObject { ["Secure"] = false },
            ["Accounts"] = new JsonObject { ["Registration"] = "open" },
            ["RateLimits"] = new JsonObject { ["CeremoniesPerMinute"] = 1_000_000, ["FailedSignInsPerQuarterHour"] = 1_000_000 },
            ["Tokens"] = new JsonObject { ["SigningKeys"] = new JsonArray(new JsonObject { ["Path"] = keyPath }) },
            ["Redis"] = new JsonObject { ["Configuration"] = $"redis://127.0.0.1:{redis.Port.ToString(CultureInfo.InvariantCulture)}/0" },
            ["Store"] = new JsonObject { ["Provider"] = "Postgres", ["ConnectionString"] = postgres },
        },
        ["ReverseProxy"] = new JsonObject { ["Routes"] = new JsonObject(), ["Clusters"] = new JsonObject() },
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
    };
}
